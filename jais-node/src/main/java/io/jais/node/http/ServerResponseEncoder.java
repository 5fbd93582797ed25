package io.jais.node.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The response encoder of a connection. A response to HEAD says so by its type, {@link
 * HeadResponse}: its headers go out as they are (a {@code Content-Length} or {@code
 * Transfer-Encoding} describing the GET) and no body, not even the end of a chunked one.
 *
 * <p>Every response gets a {@code Date} (RFC 9110 §6.6.1: an origin with a clock sends one; AIS's Go
 * servers do, and the AWS SDKs correct their clock skew with it), written here as bytes of the
 * current second's {@link HttpDate}, so no header entry is allocated per response. A response
 * relayed from another node keeps the Date that node sent.
 */
final class ServerResponseEncoder extends HttpResponseEncoder {
  /** The answer to a HEAD request: headers only. */
  static final class HeadResponse extends DefaultFullHttpResponse {
    HeadResponse(HttpResponseStatus status, HttpHeaders headers) {
      super(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
    }
  }

  private static final byte[] DATE = "date: ".getBytes(StandardCharsets.US_ASCII);
  private static final int CRLF = ('\r' << 8) | '\n';

  @Override
  protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
    super.encodeHeaders(headers, buf);
    if (!headers.contains(HttpHeaderNames.DATE)) {
      AsciiString now = HttpDate.now();
      buf.writeBytes(DATE).writeBytes(now.array(), now.arrayOffset(), now.length()).writeShort(CRLF);
    }
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse response) {
    return response instanceof HeadResponse || super.isContentAlwaysEmpty(response);
  }
}
