package io.jais.node.http;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response. {@link #run()} is the handler's virtual thread: it calls the
 * handler, maps a failure to an error response, decides whether the connection survives, and writes
 * the response. The flags at the bottom belong to the event loop ({@link HttpDispatcher}).
 */
final class Exchange implements Runnable, ChannelFutureListener {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);

  private final HttpDispatcher connection;
  private final ServerContext server;
  private final ChannelHandlerContext ctx;
  private final HttpRequest head;
  private final RouteMatch match;
  private final Request request;
  private final RequestBody body;
  private final ResponseWriter writer;

  // event loop only
  boolean handlerDone;
  boolean responseDone;
  boolean closeAfterResponse;

  Exchange(
      HttpDispatcher connection,
      ServerContext server,
      ChannelHandlerContext ctx,
      HttpRequest head,
      RouteMatch match,
      Request request,
      RequestBody body,
      ResponseWriter writer) {
    this.connection = connection;
    this.server = server;
    this.ctx = ctx;
    this.head = head;
    this.match = match;
    this.request = request;
    this.body = body;
    this.writer = writer;
  }

  RequestBody body() {
    return body;
  }

  @Override
  public void run() {
    complete(handle());
  }

  /**
   * On the event loop: lets the route's fast path answer. False when it has none or it declined
   * (returned null); the exchange then still has to {@link #run()}.
   */
  boolean tryFastPath() {
    Handler fastPath = match.route().fastPath();
    if (fastPath == null) {
      return false;
    }
    Response response;
    try {
      response = fastPath.handle(request);
    } catch (Throwable e) {
      response = renderError(e);
    }
    if (response == null) {
      return false;
    }
    if (response.body() instanceof Response.Streamed) {
      // a stream body blocks its writer: never on the event loop
      response = renderError(new IllegalStateException("the fast path of " + match.route().pattern()
          + " returned a stream body"));
    }
    complete(response);
    return true;
  }

  private void complete(Response response) {
    boolean close = mustClose(response);
    if (!(response.body() instanceof Response.Streamed)) {
      // a body that never blocks: hand the rest to the event loop as one task, so a response
      // costs one wake-up of the loop instead of one per write (measured: docs/performance.md)
      ctx.executor().execute(() -> {
        connection.handlerReturned(this, close);
        write(response, close);
      });
      return;
    }
    // queued before the response's writes, so the event loop sees the handler finish first
    ctx.executor().execute(() -> connection.handlerReturned(this, close));
    write(response, close);
  }

  private void write(Response response, boolean close) {
    ChannelFuture written;
    try {
      boolean isHead = HttpMethod.HEAD.equals(head.method());
      written =
          writer.write(response, isHead, close, head.protocolVersion() == HttpVersion.HTTP_1_0);
    } catch (RuntimeException e) {
      log.error("writing the response to {} failed", request, e);
      ctx.close();
      return;
    }
    written.addListener(this);
  }

  /** The response's last byte left, or the write failed: the exchange itself listens (no lambda per response). */
  @Override
  public void operationComplete(ChannelFuture written) {
    connection.responseWritten(this, written.isSuccess());
  }

  /**
   * On the event loop: answers a request the server has no handler thread for (it is at its bound)
   * with a retryable 503, at once, instead of queueing it.
   */
  void shed(int limit) {
    Response response = renderError(new JaisException(ErrorCode.OVERLOADED, server.options().nodeName()
        + " is overloaded (" + limit + " requests in flight): retry " + request.method() + " " + request.path()));
    complete(response.toBuilder().header(HttpHeaderNames.RETRY_AFTER, "1").build());
  }

  private Response handle() {
    try {
      if (match.route().intraOnly()) {
        request.requireIntraCaller();
      }
      Response response = match.route().handler().handle(request);
      if (response == null) {
        throw new IllegalStateException(
            "the handler of " + match.route().pattern() + " returned no response");
      }
      return response;
    } catch (Throwable e) {
      return renderError(e);
    }
  }

  private Response renderError(Throwable e) {
    try {
      return errorResponse(e);
    } catch (RuntimeException renderFailure) {
      log.error("rendering the error for {} failed", request, renderFailure);
      return Response.builder(500).text("internal error").build();
    }
  }

  private Response errorResponse(Throwable error) {
    Response response =
        server
            .errors()
            .toResponse(
                error, head.method(), decodedPath(), remoteAddr(), match.route().errorRenderer());
    if (match.allow() != null) {
      response = response.toBuilder().header(HttpHeaderNames.ALLOW, match.allow()).build();
    }
    return response;
  }

  // Keep-alive unless the client, the handler or server shutdown says otherwise, or the unread
  // body would cost more to drain than a new connection.
  private boolean mustClose(Response response) {
    if (!HttpUtil.isKeepAlive(head) || server.isClosing()) {
      return true;
    }
    if (HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(
        response.header(HttpHeaderNames.CONNECTION))) {
      return true;
    }
    if (head.protocolVersion() == HttpVersion.HTTP_1_0
        && response.body() instanceof Response.Streamed
        && response.header(HttpHeaderNames.CONTENT_LENGTH) == null) {
      return true; // an HTTP/1.0 stream ends when the connection does
    }
    if (body.isComplete()) {
      return false;
    }
    if (body.isContinuePending()) {
      return true; // the client holds the body back until a 100 that will never come
    }
    long declared = body.declaredLength();
    return declared >= 0 && declared - body.received() > server.options().drainLimit();
  }

  private String decodedPath() {
    try {
      return PercentDecoder.decode(request.path(), 0, request.path().length());
    } catch (RuntimeException e) {
      return request.path();
    }
  }

  private String remoteAddr() {
    return hostPort(request.remoteAddress());
  }

  /** {@code host:port} as AIS prints a remote address ({@code [v6]:port} for IPv6). */
  static String hostPort(InetSocketAddress remote) {
    if (remote == null) {
      return "";
    }
    String host =
        remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort();
  }
}
