package io.jais.node.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Netty I/O threads servers run on: native epoll when available, NIO otherwise. Event loops
 * only parse and write (handlers run on virtual threads), so a few threads carry many servers: a
 * LocalCluster of many nodes in one JVM shares {@link #shared()}.
 */
public final class EventLoops implements AutoCloseable {
  private static final class Shared {
    // two threads match the small machines JAIS targets; the loops only move bytes
    static final EventLoops INSTANCE =
        new EventLoops(
            Math.min(2, Runtime.getRuntime().availableProcessors()), "jais-io-shared", false);
  }

  private final EventLoopGroup group;
  private final boolean nativeTransport;
  private final boolean closeable;

  private EventLoops(int threads, String name, boolean closeable) {
    this.nativeTransport = Epoll.isAvailable();
    IoHandlerFactory io = nativeTransport ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
    this.closeable = closeable;
  }

  private static final class Control {
    // control messages are small and few: one thread, never shared with the data path's loops
    static final EventLoops INSTANCE = new EventLoops(1, "jais-io-control", false);
  }

  /** The process-wide group of the control-plane servers (one daemon thread, never closed). */
  public static EventLoops control() {
    return Control.INSTANCE;
  }

  /** The process-wide group (daemon threads, never closed); what servers use by default. */
  public static EventLoops shared() {
    return Shared.INSTANCE;
  }

  /** A private group of {@code threads} I/O threads; close it after the servers on it. */
  public static EventLoops create(int threads, String name) {
    return new EventLoops(threads, name, true);
  }

  public EventLoopGroup group() {
    return group;
  }

  /** True when running on native epoll (zero-copy sendfile, edge-triggered I/O). */
  public boolean isNative() {
    return nativeTransport;
  }

  Class<? extends ServerChannel> serverChannelClass() {
    return nativeTransport ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** Shuts a private group down gracefully; a no-op for {@link #shared()}. */
  @Override
  public void close() {
    if (closeable) {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
