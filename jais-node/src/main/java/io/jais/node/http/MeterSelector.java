package io.jais.node.http;

/**
 * Picks the {@link Meter} of a request when one route serves several kinds of operation (a PUT
 * that appends, a bucket GET that is a listing or a sub-resource). Runs on the event loop before
 * the handler, from the request line and headers only: never blocking, never reading the body. It
 * may also tell the payload's size when the body's framing hides it ({@link
 * Request#countPayloadBytes}). A handler that learns more from the body corrects the choice with
 * {@link Request#countAs}.
 */
@FunctionalInterface
public interface MeterSelector {
  Meter select(Request request);
}
