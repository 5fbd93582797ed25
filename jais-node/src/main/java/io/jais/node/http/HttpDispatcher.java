package io.jais.node.http;

import io.jais.api.error.JaisException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection state machine on the event loop: looks up the route, hands the request to a
 * virtual thread, feeds body chunks to it, and reads the next request only once the current
 * exchange is over (response written, body consumed or drained). Nothing here blocks.
 *
 * <p>Pipelining: a request decoded while another is in flight waits in {@code pending}, and while
 * it waits neither the socket is read nor the decoder decodes on. So however deep a client
 * pipelines, one request at most waits here and the rest wait, as bytes, in the decoder's buffer
 * (one socket read) and in TCP. Each is answered in order once the one before it is over. A
 * client that half-closes after its last request gets every answer, then the connection closes.
 */
final class HttpDispatcher extends ChannelInboundHandlerAdapter implements RequestBody.Pressure {
  private static final Logger log = LoggerFactory.getLogger(HttpDispatcher.class);
  /** How long a connection closing after a response waits for the client's FIN. */
  private static final long LINGER_MILLIS = 2000;

  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerContext server;
  private final ArrayDeque<Object> pending = new ArrayDeque<>(2);
  private ChannelHandlerContext ctx;
  private ChannelHandlerContext encoder;
  private PipelinedRequestDecoder decoder;
  private WritabilityGate gate;
  private ResponseWriter writer;
  private Exchange current;
  private boolean inputClosed; // the client sent its FIN: no request will follow what was read
  private boolean lingering; // answered and half-closed: waiting for the client's FIN

  HttpDispatcher(ServerContext server) {
    this.server = server;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.encoder = ctx.pipeline().context(ServerResponseEncoder.class);
    this.decoder = ctx.pipeline().get(PipelinedRequestDecoder.class);
    this.gate = new WritabilityGate(ctx.channel());
    this.writer = new ResponseWriter(ctx, gate);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (lingering) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!pending.isEmpty() || (current != null && msg instanceof HttpRequest)) {
      // Pipelined: served after the current exchange. Until then nothing more is decoded: Netty's
      // HttpServerCodec refused a request once 128 waited for answers and this connection closed
      // with the rest of the pipeline unread (so the kernel sent a reset); an unpaused decoder
      // would parse a whole socket read of requests into this queue.
      pending.add(msg);
      decoder.pause();
    } else {
      dispatch(msg);
    }
    updateAutoRead();
  }

  private void dispatch(Object msg) {
    if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      reject(request);
      return;
    }
    if (msg instanceof HttpRequest request) {
      start(request);
    }
    if (msg instanceof HttpContent content) {
      onContent(content);
    } else if (!(msg instanceof HttpRequest)) {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(HttpRequest head) {
    String uri = server.routes().routedUri(head);
    String path = pathOf(uri);
    RouteMatch match;
    try {
      match = server.routes().match(head.method(), path);
    } catch (JaisException e) {
      match = RouteMatch.failing(head.method(), path, e, server.routes().defaultRenderer());
    }
    long declared =
        HttpUtil.isTransferEncodingChunked(head) ? -1 : HttpUtil.getContentLength(head, 0L);
    boolean expectContinue = HttpUtil.is100ContinueExpected(head);
    if (expectContinue && declared == 0) {
      // Nothing is held back, but the client may wait for the 100 anyway: botocore, answered
      // without one, misparses the next response on the kept-alive connection and hangs.
      sendContinue();
      expectContinue = false;
    }
    ServerOptions options = server.options();
    RequestBody body =
        new RequestBody(
            ctx.channel().eventLoop(),
            this,
            declared,
            expectContinue,
            options.bodyHighWater(),
            options.bodyLowWater());
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    Request request = new Request(head, uri, path, match, body, remote, server.options().intraAuthenticator());
    current = new Exchange(this, server, ctx, head, match, request, body, writer);
    if (match.route().nonBlocking()) {
      current.run(); // a computation on the event loop costs less than a thread hand-off
    } else if (!current.tryFastPath() && !server.startHandler(current)) {
      current.shed(server.options().handlerThreads().limit());
    }
  }

  private void onContent(HttpContent content) {
    Exchange exchange = current;
    if (exchange == null) {
      content.release(); // after a rejected request: nothing wants it
      return;
    }
    RequestBody body = exchange.body();
    if (content.decoderResult().isFailure()) {
      body.fail("malformed body: " + content.decoderResult().cause().getMessage());
      exchange.closeAfterResponse = true; // the decoder gave up on this connection
    }
    boolean last = body.offer(content);
    checkDrainLimit(exchange);
    if (last && exchange.responseDone) {
      finish(exchange);
    }
  }

  // A request the decoder could not parse: answer on the event loop (no handler, no body) and
  // close.
  private void reject(HttpRequest bad) {
    Throwable cause = bad.decoderResult().cause();
    Throwable error =
        cause instanceof TooLongFrameException
            ? cause
            : JaisException.invalid("malformed HTTP request: " + cause.getMessage());
    String remote = Exchange.hostPort((InetSocketAddress) ctx.channel().remoteAddress());
    Response response =
        server
            .errors()
            .toResponse(
                error, bad.method(), pathOf(bad.uri()), remote, server.routes().rendererFor(bad));
    boolean head = HttpMethod.HEAD.equals(bad.method());
    writer.write(response, head, true, false).addListener(f -> closeAfterResponse(f.isSuccess()));
  }

  /** The handler's thread finished; from here on unread body bytes are drained and dropped. */
  void handlerReturned(Exchange exchange, boolean close) {
    exchange.handlerDone = true;
    exchange.closeAfterResponse |= close;
    exchange.body().discard();
    checkDrainLimit(exchange);
    updateAutoRead();
  }

  /** The last byte of the response left (or failed to). */
  void responseWritten(Exchange exchange, boolean success) {
    exchange.responseDone = true;
    if (!success || exchange.closeAfterResponse) {
      closeAfterResponse(success);
    } else if (exchange.body().isComplete()) {
      finish(exchange);
    }
  }

  /**
   * Closes after a response. Request bytes never read would make the kernel answer the close with
   * a reset, which can destroy answers the client has not read yet (RFC 9112 §9.6): so after a
   * complete response, unless the client already sent its FIN, this sends ours first, drops what
   * still arrives, and closes on the client's FIN or after {@link #LINGER_MILLIS}.
   */
  private void closeAfterResponse(boolean complete) {
    if (!complete || inputClosed || lingering) {
      ctx.close();
      return;
    }
    lingering = true;
    pending.forEach(ReferenceCountUtil::release);
    pending.clear();
    decoder.discardInput();
    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    ((DuplexChannel) ctx.channel()).shutdownOutput();
    ctx.channel().config().setAutoRead(true);
  }

  private void checkDrainLimit(Exchange exchange) {
    if (exchange.body().discardedBytes() > server.options().drainLimit()) {
      exchange.closeAfterResponse = true;
      if (exchange.responseDone) {
        ctx.close();
      }
    }
  }

  private void finish(Exchange exchange) {
    if (current != exchange) {
      return;
    }
    current = null;
    if (server.isClosing()) {
      ctx.close();
      return;
    }
    while (!pending.isEmpty() && !(current != null && pending.peek() instanceof HttpRequest)) {
      dispatch(pending.poll());
    }
    if (pending.isEmpty()) {
      decoder.resume(); // the next pipelined request, if one was read already
    }
    if (inputClosed && pending.isEmpty()) {
      if (current == null) {
        ctx.close(); // every request the client sent is answered
        return;
      }
      failTruncatedBody(current);
    }
    updateAutoRead();
  }

  // After the client's FIN, a body still incomplete never will be: its reader fails, and the
  // connection closes after the response.
  private static void failTruncatedBody(Exchange exchange) {
    if (!exchange.body().isComplete()) {
      exchange.body().fail("connection closed"); // as when it closes both ends
      exchange.closeAfterResponse = true;
    }
  }

  /** Server shutdown: close now if idle, else after the exchange in flight. */
  void closeWhenIdle() {
    if (current == null) {
      ctx.close();
    }
  }

  private void updateAutoRead() {
    // nothing to read after the client's FIN, nor while a request waits (see channelRead)
    boolean want =
        !inputClosed && pending.isEmpty() && (current == null || !current.body().isPaused());
    if (ctx.channel().config().isAutoRead() != want) {
      ctx.channel().config().setAutoRead(want);
    }
  }

  @Override
  public void pressureChanged() {
    if (ctx.executor().inEventLoop()) {
      updateAutoRead();
    } else {
      ctx.executor().execute(this::updateAutoRead);
    }
  }

  // Written below the encoder: an interim response, not the one it encodes for this request.
  @Override
  public void sendContinue() {
    encoder.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    gate.signal();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      current.body().fail("connection closed");
    }
    pending.forEach(ReferenceCountUtil::release);
    pending.clear();
    gate.signal();
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ChannelInputShutdownEvent && lingering) {
      ctx.close();
      return;
    }
    if (event instanceof ChannelInputShutdownEvent) {
      // Half-closed (the server allows it, so that a client's FIN after its last request does
      // not cut off the answers still owed): close once they are written.
      inputClosed = true;
      if (current == null && pending.isEmpty()) {
        ctx.close();
      } else if (current != null && pending.isEmpty()) {
        failTruncatedBody(current);
        if (current.responseDone) {
          ctx.close();
        }
      }
      return;
    }
    if (event instanceof IdleStateEvent idle) {
      Exchange exchange = current;
      // idle between requests, a client that stopped sending its body, or stopped reading ours;
      // but a handler that is merely slow (body paused or complete) is left alone. A response
      // counts as written only once it completes, so the first event comes during any transfer
      // longer than the timeout; later ones only if nothing moved for a whole period (the idle
      // handler observes the output), so only those mean the client stopped reading
      boolean stalled =
          exchange == null
              || (!exchange.handlerDone
                  && !exchange.body().isComplete()
                  && !exchange.body().isPaused()
                  && !exchange.body().isContinuePending())
              || (exchange.handlerDone && !exchange.responseDone && !idle.isFirst());
      if (stalled) {
        log.debug("closing idle connection {}", ctx.channel());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection {} failed", ctx.channel(), cause);
    ctx.close();
  }

  /** The path part of a request target: no query, no scheme and authority (absolute form). */
  static String pathOf(String uri) {
    int start = 0;
    if (!uri.startsWith("/")) {
      int scheme = uri.indexOf("://");
      if (scheme > 0) {
        int slash = uri.indexOf('/', scheme + 3);
        start = slash < 0 ? uri.length() : slash;
      }
    }
    int query = uri.indexOf('?', start);
    String path = uri.substring(start, query < 0 ? uri.length() : query);
    return path.isEmpty() ? "/" : path;
  }
}
