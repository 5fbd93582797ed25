package io.jais.node.http;

/**
 * Serves one request on its own virtual thread, so it may block. Failures are thrown, never
 * rendered: {@link ErrorMapper} turns them into the error response.
 */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
