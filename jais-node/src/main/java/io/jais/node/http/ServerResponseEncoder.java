package io.jais.node.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The response encoder of a connection. A response to HEAD says so by its type, {@link
 * HeadResponse}: its headers go out as they are (a {@code Content-Length} or {@code
 * Transfer-Encoding} describing the GET) and no body, not even the end of a chunked one.
 */
final class ServerResponseEncoder extends HttpResponseEncoder {
  /** The answer to a HEAD request: headers only. */
  static final class HeadResponse extends DefaultFullHttpResponse {
    HeadResponse(HttpResponseStatus status, HttpHeaders headers) {
      super(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
    }
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse response) {
    return response instanceof HeadResponse || super.isContentAlwaysEmpty(response);
  }
}
