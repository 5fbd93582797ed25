package io.jais.node.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NettyServer} listens and the limits it enforces.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port; 0 picks a free one ({@link NettyServer#port()} tells which)
 * @param nodeName the node as error bodies name it, e.g. {@code t[abc123]}
 * @param eventLoops the I/O threads; {@link EventLoops#shared()} unless many are needed
 * @param maxInitialLineLength longer request lines get 414
 * @param maxHeaderSize larger header blocks get 431
 * @param bodyHighWater queued body bytes at which the socket stops being read
 * @param bodyLowWater queued body bytes at which reading resumes
 * @param drainLimit unread body bytes drained after a response to keep the connection; past it the
 *     connection is closed instead
 * @param idleTimeout a connection with no I/O for this long is closed, unless a handler is busy
 * @param shutdownGrace how long {@link NettyServer#close()} waits for requests in flight
 * @param intraAuthenticator checks the credentials of intra-cluster requests
 * @param handlerThreads where blocking handlers run and how many at once (past it: 503, shed)
 */
public record ServerOptions(
    String host,
    int port,
    String nodeName,
    EventLoops eventLoops,
    int maxInitialLineLength,
    int maxHeaderSize,
    int bodyHighWater,
    int bodyLowWater,
    long drainLimit,
    Duration idleTimeout,
    Duration shutdownGrace,
    IntraAuthenticator intraAuthenticator,
    HandlerThreads handlerThreads) {

  /** Blocking handlers a server runs at once by default before it sheds requests. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(eventLoops, "eventLoops");
    Objects.requireNonNull(intraAuthenticator, "intraAuthenticator");
    Objects.requireNonNull(handlerThreads, "handlerThreads");
    if (bodyLowWater < 0 || bodyLowWater >= bodyHighWater) {
      throw new IllegalArgumentException("need 0 <= bodyLowWater < bodyHighWater");
    }
  }

  /** Defaults: 16 KiB request line, 64 KiB headers, 1 MiB / 256 KiB body marks, 64 MiB drain. */
  public static ServerOptions of(String host, int port, String nodeName) {
    return new ServerOptions(
        host,
        port,
        nodeName,
        EventLoops.shared(),
        16 * 1024,
        64 * 1024,
        1 << 20,
        256 * 1024,
        64L << 20,
        Duration.ofMinutes(2),
        Duration.ofSeconds(10),
        IntraAuthenticator.NONE,
        HandlerThreads.virtual("jais-http", DEFAULT_MAX_IN_FLIGHT));
  }

  public ServerOptions withEventLoops(EventLoops loops) {
    return new ServerOptions(
        host,
        port,
        nodeName,
        loops,
        maxInitialLineLength,
        maxHeaderSize,
        bodyHighWater,
        bodyLowWater,
        drainLimit,
        idleTimeout,
        shutdownGrace,
        intraAuthenticator,
        handlerThreads);
  }

  public ServerOptions withBodyWaterMarks(int high, int low) {
    return new ServerOptions(
        host,
        port,
        nodeName,
        eventLoops,
        maxInitialLineLength,
        maxHeaderSize,
        high,
        low,
        drainLimit,
        idleTimeout,
        shutdownGrace,
        intraAuthenticator,
        handlerThreads);
  }

  public ServerOptions withDrainLimit(long limit) {
    return new ServerOptions(
        host,
        port,
        nodeName,
        eventLoops,
        maxInitialLineLength,
        maxHeaderSize,
        bodyHighWater,
        bodyLowWater,
        limit,
        idleTimeout,
        shutdownGrace,
        intraAuthenticator,
        handlerThreads);
  }

  public ServerOptions withIdleTimeout(Duration timeout) {
    return new ServerOptions(
        host,
        port,
        nodeName,
        eventLoops,
        maxInitialLineLength,
        maxHeaderSize,
        bodyHighWater,
        bodyLowWater,
        drainLimit,
        timeout,
        shutdownGrace,
        intraAuthenticator,
        handlerThreads);
  }

  public ServerOptions withIntraAuthenticator(IntraAuthenticator authenticator) {
    return new ServerOptions(host, port, nodeName, eventLoops, maxInitialLineLength, maxHeaderSize, bodyHighWater,
        bodyLowWater, drainLimit, idleTimeout, shutdownGrace, authenticator, handlerThreads);
  }

  public ServerOptions withHandlerThreads(HandlerThreads threads) {
    return new ServerOptions(host, port, nodeName, eventLoops, maxInitialLineLength, maxHeaderSize, bodyHighWater,
        bodyLowWater, drainLimit, idleTimeout, shutdownGrace, intraAuthenticator, threads);
  }
}
