package io.jais.node.http;

import io.netty.handler.codec.http.HttpMethod;

/**
 * One method + pattern served by a handler, with the renderer for its errors. A {@code
 * nonBlocking} handler runs on the event loop itself (no virtual thread): it must never block.
 */
record Route(HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer, boolean nonBlocking) {
  Route(HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer) {
    this(method, pattern, handler, errorRenderer, false);
  }
}
