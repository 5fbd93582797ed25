package io.jais.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sending side: the connections to every peer this node has sent to, made on first use and
 * kept for the node's lifetime ({@code connectionsPerPeer} each). A peer that comes back on a new
 * address is a new {@link Peer}, with connections of its own.
 */
final class StreamClient implements AutoCloseable {
  /**
   * Counts a file region at its length, so that the channel turns unwritable behind a large file
   * as it does behind a large buffer (Netty's default counts regions as 0 bytes).
   */
  private static final MessageSizeEstimator SIZES = () -> msg -> switch (msg) {
    case ByteBuf buf -> buf.readableBytes();
    case FileRegion region -> (int) Math.min(Integer.MAX_VALUE, region.count());
    default -> 8;
  };

  private final String selfId;
  private final HandshakeMac mac;
  private final StreamOptions options;
  private final StreamCounters counters;
  private final Bootstrap bootstrap;
  private final Executor completions;
  private final ConcurrentHashMap<Peer, PeerLinks> peers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param completions where futures complete (virtual threads): never an event loop
   */
  StreamClient(String selfId, HandshakeMac mac, StreamOptions options, StreamCounters counters, TransportLoops loops,
      Executor completions) {
    this.selfId = selfId;
    this.completions = completions;
    this.mac = mac;
    this.options = options;
    this.counters = counters;
    this.bootstrap = new Bootstrap()
        .group(loops.group())
        .channel(loops.channelClass())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
            options.connectTimeout().toMillis()))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(options.sendLowWater(), options.sendHighWater()))
        .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, SIZES)
        // only acks come back: small reads
        .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 512, 16 * 1024));
  }

  StreamCounters counters() {
    return counters;
  }

  CompletableFuture<Ack> send(Peer peer, ObjectHeader header, Body body) throws InterruptedException {
    if (closed) {
      body.discard();
      return CompletableFuture.failedFuture(new IllegalStateException("the streams of t[" + selfId + "] are closed"));
    }
    return peers.computeIfAbsent(peer, p -> new PeerLinks(p, this, options.connectionsPerPeer())).send(header, body);
  }

  /**
   * Connects and authenticates, blocking the calling thread for at most {@code connectTimeout}.
   *
   * @throws IOException with the reason (refused, timed out, handshake failed)
   */
  OutboundConnection connect(Peer peer) throws IOException {
    if (closed) {
      throw new IOException("the streams of t[" + selfId + "] are closed");
    }
    long deadline = System.nanoTime() + options.connectTimeout().toNanos();
    ClientHandshake handshake = new ClientHandshake(peer, selfId, mac, options);
    OutboundConnection connection = new OutboundConnection(peer, options, counters, completions);
    long idleMillis = options.ioTimeout().toMillis();
    ChannelFuture connected = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        // observeOutput: a large write still draining is progress, not idleness
        channel.pipeline()
            .addLast("idle", new IdleStateHandler(true, 0, 0, idleMillis, TimeUnit.MILLISECONDS))
            .addLast("handshake", handshake)
            .addLast("connection", connection);
      }
    }).connect(peer.host(), peer.port());
    try {
      if (!connected.awaitUninterruptibly(remainingMillis(deadline))) {
        throw new IOException("no connection within " + options.connectTimeout().toMillis() + " ms");
      }
      if (!connected.isSuccess()) {
        throw new IOException("cannot connect: " + connected.cause().getMessage(), connected.cause());
      }
      ClientHandshake.Negotiated negotiated = handshake.result().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      connection.started(negotiated);
      counters.connects.increment();
      return connection;
    } catch (TimeoutException e) {
      connected.channel().close();
      counters.connectFailures.increment();
      throw new IOException("no handshake within " + options.connectTimeout().toMillis() + " ms", e);
    } catch (ExecutionException e) {
      connected.channel().close();
      counters.connectFailures.increment();
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      connected.channel().close();
      Thread.currentThread().interrupt();
      counters.connectFailures.increment();
      throw new IOException("interrupted while connecting", e);
    } catch (IOException e) {
      connected.cancel(false);
      connected.channel().close();
      counters.connectFailures.increment();
      throw e;
    }
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  /** Closes every connection: objects in flight fail. */
  @Override
  public void close() {
    closed = true;
    peers.values().forEach(PeerLinks::close);
  }
}
