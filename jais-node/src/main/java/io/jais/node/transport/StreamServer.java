package io.jais.node.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The listening side: accepts connections on the data port, runs the handshake, then the object
 * decoder and {@link ObjectReceiver} on each. Handlers run on virtual threads of their own.
 */
final class StreamServer implements AutoCloseable {
  /** Socket reads grow up to 1 MiB while they come back full (bulk bodies); also the most a
   * paused connection holds beyond its high-water mark: the read that was under way. */
  static final int MAX_READ = 1 << 20;

  private final Channel listener;
  private final ChannelGroup channels;
  private final ExecutorService handlerThreads;

  private StreamServer(Channel listener, ChannelGroup channels, ExecutorService handlerThreads) {
    this.listener = listener;
    this.channels = channels;
    this.handlerThreads = handlerThreads;
  }

  static StreamServer start(String host, int port, String selfId, HandshakeMac mac, StreamOptions options,
      ReceiveHandlers handlers, StreamCounters counters, TransportLoops loops)
      throws InterruptedException, BindException {
    ChannelGroup channels = new DefaultChannelGroup("jais-streams-" + selfId, GlobalEventExecutor.INSTANCE);
    ExecutorService threads = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("jais-stream-rx-", 0).factory());
    String selfName = "t[" + selfId + "]";
    long idleMillis = options.ioTimeout().toMillis();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops.group())
        .channel(loops.serverChannelClass())
        .option(ChannelOption.SO_BACKLOG, 256)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 16 * 1024, MAX_READ))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channels.add(channel);
            channel.pipeline()
                .addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                .addLast("handshake", new ServerHandshake(selfId, mac, options, counters,
                    sender -> new ObjectReceiver(handlers, counters, threads, selfName, sender, options)));
          }
        });
    ChannelFuture bound = bootstrap.bind(host, port).await();
    if (!bound.isSuccess()) {
      threads.shutdown();
      Throwable cause = bound.cause();
      if (cause instanceof BindException e) {
        throw e;
      }
      BindException e = new BindException("cannot bind the stream port " + host + ":" + port + ": "
          + cause.getMessage());
      e.initCause(cause);
      throw e;
    }
    return new StreamServer(bound.channel(), channels, threads);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Stops accepting and closes every connection: bodies being received fail (their handlers see
   * it), handlers already past their body finish, but their acks have nowhere to go.
   */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    handlerThreads.shutdown();
  }
}
