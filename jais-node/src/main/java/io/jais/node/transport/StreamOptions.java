package io.jais.node.transport;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Limits and timeouts of the streams, for both the sending and the receiving side.
 *
 * @param connectionsPerPeer connections kept to each peer (objects go one after another on a
 *     connection; several give parallelism)
 * @param maxInFlight objects written on one connection but not acknowledged yet; the sender waits
 *     for an ack beyond it, the receiver closes a connection that exceeds the number it advertised
 * @param maxHeaderBytes the largest object header a receiver accepts (the opaque bytes and custom
 *     metadata included)
 * @param receiveHighWater body bytes queued for handlers, per connection, at which the receiver
 *     stops reading the socket
 * @param receiveLowWater queued body bytes at which it reads again
 * @param sendHighWater bytes in a connection's outbound buffer at which senders wait
 * @param sendLowWater outbound bytes at which they write again
 * @param connectTimeout TCP connect plus handshake
 * @param ioTimeout how long a connection may owe something without progress: a sender waiting for
 *     a write to drain or an ack, a receiver in the middle of a body that stops arriving
 * @param maxClockSkew handshake timestamps further off than this are refused
 * @param ioThreads the streams' own event-loop threads (receiving and sending share them)
 * @param clock the handshake's time
 */
public record StreamOptions(
    int connectionsPerPeer,
    int maxInFlight,
    int maxHeaderBytes,
    int receiveHighWater,
    int receiveLowWater,
    int sendHighWater,
    int sendLowWater,
    Duration connectTimeout,
    Duration ioTimeout,
    Duration maxClockSkew,
    int ioThreads,
    InstantSource clock) {

  /**
   * 2 connections per peer, 4 objects in flight per connection, 64 KiB headers, 1 MiB / 256 KiB
   * water marks on both sides, 5 s to connect, 60 s without progress, 5 min clock skew, 2 threads.
   */
  public static final StreamOptions DEFAULT = new StreamOptions(2, 4, 64 * 1024, 1 << 20, 256 * 1024, 1 << 20,
      256 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5), 2, InstantSource.system());

  public StreamOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(ioTimeout, "ioTimeout");
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    Objects.requireNonNull(clock, "clock");
    if (connectionsPerPeer < 1 || maxInFlight < 1 || maxInFlight > 65535 || ioThreads < 1) {
      throw new IllegalArgumentException("need connectionsPerPeer >= 1, 1 <= maxInFlight <= 65535, ioThreads >= 1");
    }
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes: " + maxHeaderBytes + " (expected: >= 1024)");
    }
    if (receiveLowWater < 0 || receiveLowWater >= receiveHighWater || sendLowWater < 0
        || sendLowWater >= sendHighWater) {
      throw new IllegalArgumentException("need 0 <= low water < high water on both sides");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || ioTimeout.isNegative() || ioTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  public StreamOptions withConnectionsPerPeer(int connections) {
    return new StreamOptions(connections, maxInFlight, maxHeaderBytes, receiveHighWater, receiveLowWater,
        sendHighWater, sendLowWater, connectTimeout, ioTimeout, maxClockSkew, ioThreads, clock);
  }

  public StreamOptions withMaxInFlight(int objects) {
    return new StreamOptions(connectionsPerPeer, objects, maxHeaderBytes, receiveHighWater, receiveLowWater,
        sendHighWater, sendLowWater, connectTimeout, ioTimeout, maxClockSkew, ioThreads, clock);
  }

  public StreamOptions withMaxHeaderBytes(int bytes) {
    return new StreamOptions(connectionsPerPeer, maxInFlight, bytes, receiveHighWater, receiveLowWater,
        sendHighWater, sendLowWater, connectTimeout, ioTimeout, maxClockSkew, ioThreads, clock);
  }

  public StreamOptions withReceiveWaterMarks(int high, int low) {
    return new StreamOptions(connectionsPerPeer, maxInFlight, maxHeaderBytes, high, low, sendHighWater,
        sendLowWater, connectTimeout, ioTimeout, maxClockSkew, ioThreads, clock);
  }

  public StreamOptions withSendWaterMarks(int high, int low) {
    return new StreamOptions(connectionsPerPeer, maxInFlight, maxHeaderBytes, receiveHighWater, receiveLowWater,
        high, low, connectTimeout, ioTimeout, maxClockSkew, ioThreads, clock);
  }

  public StreamOptions withTimeouts(Duration connect, Duration io) {
    return new StreamOptions(connectionsPerPeer, maxInFlight, maxHeaderBytes, receiveHighWater, receiveLowWater,
        sendHighWater, sendLowWater, connect, io, maxClockSkew, ioThreads, clock);
  }

  public StreamOptions withClock(InstantSource source, Duration skew) {
    return new StreamOptions(connectionsPerPeer, maxInFlight, maxHeaderBytes, receiveHighWater, receiveLowWater,
        sendHighWater, sendLowWater, connectTimeout, ioTimeout, skew, ioThreads, source);
  }
}
