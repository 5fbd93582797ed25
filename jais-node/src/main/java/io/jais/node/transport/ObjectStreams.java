package io.jais.node.transport;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's object streams: it listens on the data port for objects other targets send, hands
 * each to the receive handler registered under its name, and keeps connections to the peers it
 * sends to. One per target, shared by every job.
 *
 * <p>Sending:
 *
 * <pre>{@code
 * CompletableFuture<Ack> acked = streams.send(Peer.of(target), ObjectHeader.of("copy", bucket, name, meta),
 *     Body.ofFile(channel, 0, meta.size(), release));
 * acked.join().orThrow();   // the receiver's handler returned: e.g. now delete the local copy
 * }</pre>
 *
 * <p>Receiving:
 *
 * <pre>{@code
 * Registration r = streams.register("copy", in -> store.put(in.header().bucket(), in.header().objectName(),
 *     in.body(), options));
 * }</pre>
 *
 * <p>Implementation notes: both sides run on a small event-loop group of their own (not the HTTP
 * server's); handlers run on virtual threads; futures complete on virtual threads. Every
 * connection starts with a handshake in which both ends prove they hold the cluster secret
 * ({@link HandshakeMac}); the wire format is in {@link Wire}.
 */
public final class ObjectStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ObjectStreams.class);

  private final String selfId;
  private final TransportLoops loops;
  private final StreamCounters counters;
  private final ReceiveHandlers handlers;
  private final StreamServer server;
  private final StreamClient client;
  private final ExecutorService completions;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ObjectStreams(String selfId, TransportLoops loops, StreamCounters counters, ReceiveHandlers handlers,
      StreamServer server, StreamClient client, ExecutorService completions) {
    this.selfId = selfId;
    this.loops = loops;
    this.counters = counters;
    this.handlers = handlers;
    this.server = server;
    this.client = client;
    this.completions = completions;
  }

  /**
   * Listens on {@code host:port} (0 picks a free port) and is ready to send.
   *
   * @param selfId this node's ID: what the handshake proves to peers and checks they address
   * @param secret the cluster secret (HMAC-SHA256 key) every node of the cluster holds
   * @throws BindException the port could not be bound
   */
  public static ObjectStreams start(String host, int port, String selfId, byte[] secret, StreamOptions options)
      throws BindException, InterruptedException {
    Objects.requireNonNull(selfId, "selfId");
    Objects.requireNonNull(options, "options");
    HandshakeMac mac = new HandshakeMac(secret);
    TransportLoops loops = new TransportLoops(options.ioThreads(), "jais-stream-" + selfId);
    StreamCounters counters = new StreamCounters();
    ReceiveHandlers handlers = new ReceiveHandlers();
    ExecutorService completions =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jais-stream-ack-", 0).factory());
    StreamServer server;
    try {
      server = StreamServer.start(host, port, selfId, mac, options, handlers, counters, loops);
    } catch (BindException | InterruptedException | RuntimeException e) {
      loops.close();
      completions.shutdown();
      throw e;
    }
    StreamClient client = new StreamClient(selfId, mac, options, counters, loops, completions);
    log.info("t[{}] streams listening on {} ({})", selfId, server.address(), loops.isNative() ? "epoll" : "nio");
    return new ObjectStreams(selfId, loops, counters, handlers, server, client, completions);
  }

  /** The bound data port. */
  public int port() {
    return server.address().getPort();
  }

  public InetSocketAddress address() {
    return server.address();
  }

  public String selfId() {
    return selfId;
  }

  /**
   * Registers the handler for objects sent under {@code trname}; close the registration to take
   * it away. Objects for a name nobody registered are answered with an error ack.
   *
   * @throws IllegalStateException when the name is taken
   * @throws IllegalArgumentException when the name is empty or longer than 255 bytes
   */
  public Registration register(String trname, ReceiveHandler handler) {
    return handlers.register(trname, handler);
  }

  /**
   * Sends one object to {@code to}, taking ownership of the body. Blocks while the object is
   * written (on a free connection to the peer, made if needed: at most the connect timeout), and
   * while the peer's connections are busy or the peer is slow (back-pressure): call it from a
   * virtual thread, never from an event loop. Returns once the object is handed to the
   * connection.
   *
   * <p>The future completes with the receiver's {@link Ack} once its handler has returned (OK or
   * the handler's error), or fails with a {@link io.jais.api.error.JaisException}: {@code
   * UNAVAILABLE} when the peer cannot be reached, the connection is lost before the ack, or the
   * ack is more than {@code ioTimeout} late (naming the peer and the object); {@code
   * INVALID_ARGUMENT} for a header larger than the peer accepts; the source's error when a
   * streamed body fails. A failed future does not prove the receiver did nothing (an ack can be
   * lost with its connection): a sender that retries must be idempotent.
   *
   * @throws InterruptedException while waiting for a connection (the body is released)
   */
  public CompletableFuture<Ack> send(Peer to, ObjectHeader header, Body body) throws InterruptedException {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
    return client.send(to, header, body);
  }

  /** Counters since start. */
  public StreamStats stats() {
    return counters.snapshot();
  }

  /**
   * Stops listening and closes every connection, both ways: objects in flight fail on both
   * sides. Then stops the streams' threads.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    client.close();
    server.close();
    loops.close();
    completions.shutdown();
  }
}
