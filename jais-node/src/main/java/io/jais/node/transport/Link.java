package io.jais.node.transport;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of the connections kept to a peer, as a slot: whoever holds {@link #lock} writes the next
 * object on it; the connection behind it is made on first use and again after it is lost.
 *
 * <p>Reconnecting: senders queued on the lock while a connection attempt fails would otherwise
 * each try again in turn, and to a host that does not answer that costs each of them the whole
 * connect timeout. So a sender remembers how many attempts had been made when it began to wait,
 * and fails with the latest attempt's error if one failed meanwhile; the next sender to arrive
 * afresh tries again.
 */
final class Link {
  final ReentrantLock lock = new ReentrantLock(true);
  private final Peer peer;
  private final StreamClient client;
  private volatile OutboundConnection connection; // written under lock
  private volatile long attempts; // written under lock
  private IOException lastFailure; // guarded by lock: the latest attempt's error, null after a success

  Link(Peer peer, StreamClient client) {
    this.peer = peer;
    this.client = client;
  }

  /** Attempts made so far; read before waiting for the lock. */
  long attempts() {
    return attempts;
  }

  /**
   * Holding {@link #lock}: writes the object on this link's connection, connecting first if
   * needed. An object that could not be written at all because the connection was just lost goes
   * out once more on a fresh one. Takes ownership of the body.
   */
  CompletableFuture<Ack> send(ObjectHeader header, Body body, long attemptsSeen) throws InterruptedException {
    boolean owned = true;
    try {
      for (int round = 0; round < 2; round++) {
        OutboundConnection current;
        try {
          current = connection(round == 0 ? attemptsSeen : attempts);
        } catch (IOException e) {
          client.counters().transfersFailed.increment();
          return CompletableFuture.failedFuture(new JaisException(ErrorCode.UNAVAILABLE,
              "stream to " + peer + ": " + header.describe() + ": " + e.getMessage(), e));
        }
        CompletableFuture<Ack> sent = current.send(header, body);
        if (sent != null) {
          owned = false;
          return sent;
        }
      }
      client.counters().transfersFailed.increment();
      return CompletableFuture.failedFuture(new JaisException(ErrorCode.UNAVAILABLE, "stream to " + peer + ": "
          + header.describe() + ": the connection was lost twice before the object could be written"));
    } finally {
      if (owned) {
        body.discard();
      }
    }
  }

  private OutboundConnection connection(long attemptsSeen) throws IOException {
    if (connection != null && connection.isOpen()) {
      return connection;
    }
    connection = null;
    if (attempts != attemptsSeen && lastFailure != null) {
      throw new IOException(lastFailure.getMessage() + " (while this sender waited)", lastFailure);
    }
    attempts++;
    try {
      connection = client.connect(peer);
      lastFailure = null;
      return connection;
    } catch (IOException e) {
      lastFailure = e;
      throw e;
    }
  }

  /** Closes the connection, if any; objects in flight on it fail. */
  void close() {
    OutboundConnection current = connection; // not under the lock: a sender may hold it, waiting on this connection
    if (current != null) {
      current.closeWith("the sending node is shutting down");
    }
  }
}
