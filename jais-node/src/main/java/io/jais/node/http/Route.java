package io.jais.node.http;

import io.netty.handler.codec.http.HttpMethod;

/**
 * One method + pattern served by a handler, with the renderer for its errors. A {@code
 * nonBlocking} handler runs on the event loop itself (no virtual thread): it must never block. A
 * {@code fastPath}, when set, is tried on the event loop first: it answers from memory or returns
 * null, and then {@code handler} runs on a virtual thread as usual. {@code meter} says what the
 * route counts ({@link Meter#NONE}: nothing).
 */
record Route(
    HttpMethod method,
    String pattern,
    Handler handler,
    ErrorRenderer errorRenderer,
    boolean nonBlocking,
    Handler fastPath,
    MeterSelector meter) {
  Route(HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer) {
    this(method, pattern, handler, errorRenderer, false, null, Meter.NONE);
  }

  Route withMeter(MeterSelector selector) {
    return new Route(method, pattern, handler, errorRenderer, nonBlocking, fastPath, selector);
  }
}
