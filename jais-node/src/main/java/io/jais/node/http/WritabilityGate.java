package io.jais.node.http;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parks a producing virtual thread while the channel's outbound buffer is above its high-water
 * mark; the event loop opens the gate when the channel becomes writable again or closes.
 */
final class WritabilityGate {
  private final Channel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  WritabilityGate(Channel channel) {
    this.channel = channel;
  }

  /** Blocks until the channel is writable; fails once it is closed. */
  void awaitWritable() throws IOException {
    if (channel.isWritable()) {
      return; // the common case takes no lock
    }
    lock.lock();
    try {
      // checked under the lock that signal() takes, so a change between check and await is not lost
      while (!channel.isWritable()) {
        if (!channel.isActive()) {
          throw new IOException("connection closed by the client");
        }
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Event loop: writability changed or the channel closed. */
  void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
