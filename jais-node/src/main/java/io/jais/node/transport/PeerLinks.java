package io.jais.node.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections to one peer, shared by every sender on this node: each object takes a free one
 * (the next after the last one handed out, so they are used evenly), or waits its turn on one.
 */
final class PeerLinks {
  private final Link[] links;
  private final AtomicInteger next = new AtomicInteger();

  PeerLinks(Peer peer, StreamClient client, int connections) {
    links = new Link[connections];
    for (int i = 0; i < connections; i++) {
      links[i] = new Link(peer, client);
    }
  }

  CompletableFuture<Ack> send(ObjectHeader header, Body body) throws InterruptedException {
    int start = Math.floorMod(next.getAndIncrement(), links.length);
    for (int i = 0; i < links.length; i++) {
      Link link = links[(start + i) % links.length];
      long seen = link.attempts();
      if (link.lock.tryLock()) {
        try {
          return link.send(header, body, seen);
        } finally {
          link.lock.unlock();
        }
      }
    }
    Link link = links[start];
    long seen = link.attempts();
    try {
      link.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      body.discard();
      throw e;
    }
    try {
      return link.send(header, body, seen);
    } finally {
      link.lock.unlock();
    }
  }

  void close() {
    for (Link link : links) {
      link.close();
    }
  }
}
