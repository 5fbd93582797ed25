package io.jais.loader;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the per-request timeout of {@link HttpConnection}s, whose sockets block without one:
 * every 50 ms, closes the connections whose request is past its deadline (the blocked worker's
 * read then fails with a timeout). One daemon thread for the whole process.
 */
final class Watchdog {
  static final Watchdog INSTANCE = new Watchdog();

  private final Set<HttpConnection> watched = ConcurrentHashMap.newKeySet();

  private Watchdog() {
    Thread.ofPlatform().daemon().name("jais-loader-watchdog").start(this::run);
  }

  void watch(HttpConnection connection) {
    watched.add(connection);
  }

  private void run() {
    while (true) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      watched.removeIf(HttpConnection::isClosed);
      for (HttpConnection connection : watched) {
        connection.expireIfOverdue(now);
      }
    }
  }
}
