package io.jais.node.http;

import io.netty.handler.codec.http.HttpMethod;

/** One method + pattern served by a handler, with the renderer for its errors. */
record Route(HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer) {}
