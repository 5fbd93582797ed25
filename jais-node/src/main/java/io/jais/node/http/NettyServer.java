package io.jais.node.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server for one node: binds, serves a {@link RouteTable} and closes gracefully. Runs
 * on the {@link EventLoops} given in its options, which many servers may share.
 */
public final class NettyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

  private final ServerContext context;
  private final Channel listener;

  private NettyServer(ServerContext context, Channel listener) {
    this.context = context;
    this.listener = listener;
  }

  /**
   * Binds and starts serving; returns once the port is open.
   *
   * @throws BindException the address could not be bound (in use, not local), whatever the transport
   */
  public static NettyServer start(RouteTable routes, ServerOptions options)
      throws InterruptedException, BindException {
    return start(routes, options, ServerHooks.NONE);
  }

  /**
   * Binds and starts serving, telling {@code hooks} of every exchange; returns once the port is
   * open.
   *
   * @throws BindException the address could not be bound (in use, not local), whatever the transport
   */
  public static NettyServer start(RouteTable routes, ServerOptions options, ServerHooks hooks)
      throws InterruptedException, BindException {
    ChannelGroup channels =
        new DefaultChannelGroup(options.nodeName(), GlobalEventExecutor.INSTANCE);
    ServerContext context = new ServerContext(routes, options, channels, hooks);
    EventLoops loops = options.eventLoops();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops.group())
            .channel(loops.serverChannelClass())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            // a client's FIN after its last request ends the requests, not the answers still owed
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            // a stream body parks its writer above 1 MiB unsent and resumes below 256 KiB
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
            .childHandler(new HttpChannelInitializer(context));
    Channel listener = bind(bootstrap, options);
    log.info(
        "{} listening on {} ({})",
        options.nodeName(),
        listener.localAddress(),
        loops.isNative() ? "epoll" : "nio");
    return new NettyServer(context, listener);
  }

  // NIO reports a failed bind as the JDK's BindException, epoll as a NativeIoException: callers
  // (a node that picked its own port and may pick again) see one type either way
  private static Channel bind(ServerBootstrap bootstrap, ServerOptions options)
      throws InterruptedException, BindException {
    ChannelFuture bound = bootstrap.bind(options.host(), options.port()).await();
    if (bound.isSuccess()) {
      return bound.channel();
    }
    Throwable cause = bound.cause();
    if (cause instanceof BindException e) {
      throw e;
    }
    BindException e =
        new BindException(
            "cannot bind " + options.host() + ":" + options.port() + ": " + cause.getMessage());
    e.initCause(cause);
    throw e;
  }

  /** The bound port (the ephemeral one when started with port 0). */
  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Stops accepting, lets requests in flight finish (up to the shutdown grace), then closes every
   * connection. Idle keep-alive connections close at once.
   */
  @Override
  public void close() {
    context.markClosing();
    listener.close().syncUninterruptibly();
    ChannelGroup channels = context.channels();
    for (Channel channel : channels) {
      HttpDispatcher dispatcher = channel.pipeline().get(HttpDispatcher.class);
      if (dispatcher != null) {
        channel.eventLoop().execute(dispatcher::closeWhenIdle);
      }
    }
    long graceMillis = context.options().shutdownGrace().toMillis();
    if (!channels.newCloseFuture().awaitUninterruptibly(graceMillis, TimeUnit.MILLISECONDS)) {
      log.warn(
          "{}: {} connections still busy after {} ms; closing them",
          context.options().nodeName(),
          channels.size(),
          graceMillis);
      channels.close().awaitUninterruptibly(graceMillis, TimeUnit.MILLISECONDS);
    }
  }
}
