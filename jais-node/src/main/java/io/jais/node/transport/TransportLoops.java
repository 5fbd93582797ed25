package io.jais.node.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The streams' own I/O threads, apart from the HTTP server's: bulk transfers between targets must
 * not delay client requests, nor the other way round. Native epoll when available ({@code
 * sendfile} for file bodies), NIO otherwise ({@code transferTo}, also without copies).
 */
final class TransportLoops implements AutoCloseable {
  private final EventLoopGroup group;
  private final boolean nativeTransport;

  TransportLoops(int threads, String name) {
    this.nativeTransport = Epoll.isAvailable();
    IoHandlerFactory io = nativeTransport ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
  }

  EventLoopGroup group() {
    return group;
  }

  boolean isNative() {
    return nativeTransport;
  }

  Class<? extends ServerChannel> serverChannelClass() {
    return nativeTransport ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  Class<? extends SocketChannel> channelClass() {
    return nativeTransport ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
