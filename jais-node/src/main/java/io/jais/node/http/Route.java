package io.jais.node.http;

import io.netty.handler.codec.http.HttpMethod;

/**
 * One method + pattern served by a handler, with the renderer for its errors. A {@code
 * nonBlocking} handler runs on the event loop itself (no virtual thread): it must never block. A
 * {@code fastPath}, when set, is tried on the event loop first: it answers from memory or returns
 * null, and then {@code handler} runs on a virtual thread as usual. An {@code intraOnly} route serves
 * nodes of the cluster only: a request without valid intra-cluster credentials never reaches its
 * handler (401/403).
 */
record Route(
    HttpMethod method,
    String pattern,
    Handler handler,
    ErrorRenderer errorRenderer,
    boolean nonBlocking,
    Handler fastPath,
    boolean intraOnly) {
  Route(HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer) {
    this(method, pattern, handler, errorRenderer, false, null, false);
  }
}
