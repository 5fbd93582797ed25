package io.jais.node.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Response} into Netty messages on one connection. Fixed bodies never block; a
 * stream body blocks the calling virtual thread while the client is slow, which is why this runs on
 * the handler's thread and never on the event loop (except for bodiless error responses).
 */
final class ResponseWriter {
  private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);

  /** File bodies up to this size are copied and sent with the head; larger ones use sendfile. */
  static final int SMALL_FILE = 64 * 1024;

  private final ChannelHandlerContext ctx;
  private final WritabilityGate gate;
  private long bodyBytes; // of the last response written; responses on a connection are sequential

  ResponseWriter(ChannelHandlerContext ctx, WritabilityGate gate) {
    this.ctx = ctx;
    this.gate = gate;
  }

  /**
   * Writes the response; the future completes when the last byte is written (or fails).
   *
   * @param head the request was HEAD: headers as set, no body
   * @param close add {@code Connection: close} (the caller closes after the future)
   * @param http10 the client speaks HTTP/1.0: no chunked encoding, keep-alive only if asked
   */
  ChannelFuture write(Response response, boolean head, boolean close, boolean http10) {
    // a response is written once: its headers (validated as they were set) go out as they are,
    // with the connection and length fields added, instead of being copied
    HttpHeaders headers = response.rawHeaders();
    if (close) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
    Response.Body body = response.body();
    bodyBytes = 0;
    if (head) {
      if (body instanceof Response.FileBody file) {
        closeQuietly(file);
      }
      return ctx.writeAndFlush(new ServerResponseEncoder.HeadResponse(status, headers));
    }
    return switch (body) {
      case Response.Empty e -> full(status, withLength(headers, status, 0), Unpooled.EMPTY_BUFFER);
      case Response.Bytes b -> {
        bodyBytes = b.bytes().length;
        yield full(status, withLength(headers, status, b.bytes().length), Unpooled.wrappedBuffer(b.bytes()));
      }
      case Response.FileBody f -> {
        bodyBytes = f.length();
        yield file(status, headers, f);
      }
      case Response.Streamed s -> stream(status, headers, s, http10);
    };
  }

  /**
   * Body bytes of the response {@link #write} last sent, once it returned: the length of a fixed
   * body, what a stream body produced, 0 for HEAD.
   */
  long bodyBytes() {
    return bodyBytes;
  }

  private ChannelFuture full(HttpResponseStatus status, HttpHeaders headers, ByteBuf content) {
    return ctx.writeAndFlush(
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, content, headers, EmptyHttpHeaders.INSTANCE));
  }

  // 1xx/204/304 never carry a length (RFC 9110 §8.6); everything else gets the exact one
  private static HttpHeaders withLength(
      HttpHeaders headers, HttpResponseStatus status, long length) {
    if (status.code() == 204 || status.code() == 304) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    } else if (length == 0) {
      headers.set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO); // every redirect: no string made
    } else {
      headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
    }
    return headers;
  }

  // The region is released after the transfer, after a failed write, or right away if the
  // connection is already closed: DefaultFileRegion then closes an owned channel, a shared one
  // runs its release instead. Still a DefaultFileRegion, so epoll sends it with sendfile.
  private ChannelFuture file(HttpResponseStatus status, HttpHeaders headers, Response.FileBody f) {
    headers.set(HttpHeaderNames.CONTENT_LENGTH, f.length());
    if (f.length() <= SMALL_FILE) {
      ByteBuf content = readSmall(f);
      if (content != null) {
        return full(status, headers, content);
      }
    }
    boolean corked = cork(true);
    ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers));
    ctx.write(
        f.release() == null
            ? new DefaultFileRegion(f.channel(), f.offset(), f.length())
            : new SharedFileRegion(f.channel(), f.offset(), f.length(), f.release()));
    ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (corked) {
      done.addListener(written -> cork(false));
    }
    return done;
  }

  // TCP_CORK (Linux, epoll only) while a sendfile body goes out, as nginx's tcp_nopush: the head
  // rides in the first full segment and sendfile only ever queues full segments; uncorking after
  // the last byte pushes the tail. Without it TCP_NODELAY pushes a short segment at the end of
  // every sendfile call, and the reader pays per segment: 10 MiB GETs under wrk went from 72-81 %
  // to ~98 % of nginx (docs/performance.md, change 16). Set on the event loop, so it is ordered
  // with this connection's writes.
  private boolean cork(boolean on) {
    if (!(ctx.channel() instanceof EpollSocketChannel channel)) {
      return false;
    }
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(() -> cork(on));
    } else if (channel.isOpen()) {
      channel.config().setOption(EpollChannelOption.TCP_CORK, on);
    }
    return true;
  }

  private ChannelFuture stream(
      HttpResponseStatus status, HttpHeaders headers, Response.Streamed s, boolean http10) {
    String declared = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    long length = declared == null ? -1 : Long.parseLong(declared.trim());
    if (length < 0 && !http10) {
      headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers));
    ChannelOutputStream out = new ChannelOutputStream(ctx, gate, length);
    try {
      s.producer().writeTo(out);
      ChannelFuture done = out.finish();
      bodyBytes = out.written();
      return done;
    } catch (Exception e) {
      // the status line is gone already: all we can do is cut the body short
      out.abandon();
      if (!(e instanceof IOException) || ctx.channel().isActive()) {
        log.warn("streaming the response body failed; closing the connection", e);
      }
      ctx.close();
      return ctx.newFailedFuture(e);
    }
  }

  // Small bodies are read (from the page cache; positional, so shared channels are fine) into a
  // pooled buffer and go out with the head in one writev: one TCP segment and one wake-up of the
  // client instead of a head segment and a sendfile one (measured: docs/performance.md).
  private ByteBuf readSmall(Response.FileBody f) {
    ByteBuf buffer = ctx.alloc().directBuffer((int) f.length());
    try {
      long position = f.offset();
      long end = f.offset() + f.length();
      while (position < end) {
        int n = buffer.writeBytes(f.channel(), position, (int) (end - position));
        if (n <= 0) {
          throw new IOException("the file ended early at " + position + " of " + end);
        }
        position += n;
      }
      closeQuietly(f);
      return buffer;
    } catch (IOException e) {
      buffer.release();
      log.debug("reading a small file body failed; sending it with sendfile", e);
      return null;
    }
  }

  private static void closeQuietly(Response.FileBody file) {
    if (file.release() != null) {
      file.release().run();
      return;
    }
    try {
      file.channel().close();
    } catch (IOException e) {
      log.debug("closing a file channel failed", e);
    }
  }
}
