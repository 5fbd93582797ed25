package io.jais.node.transport;

import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body bytes one connection has queued for its handlers, over all objects in flight on it:
 * at the high-water mark the connection stops reading its socket, and once the handlers have
 * taken it below the low-water mark, it reads again. Counting per connection rather than per
 * object keeps the bound when several pipelined objects are queued at once.
 *
 * <p>Threading: {@link #added} and the pause decision run on the event loop; {@link #taken} on
 * handler threads. The lost-wake-up race (a handler drains everything between the event loop's
 * "queue is full" and its "paused = true", sees no pause, schedules no resume) is closed by the
 * event loop re-reading the queue after it publishes the pause: of the two volatile writes each
 * side makes before reading the other's, one must see the other.
 */
final class InboundBudget {
  private final EventLoop eventLoop;
  private final int highWater;
  private final int lowWater;
  private final Runnable pausedChanged;
  private final StreamCounters counters;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicBoolean resumeScheduled = new AtomicBoolean();
  private volatile boolean paused;

  /**
   * @param pausedChanged runs on the event loop whenever {@link #isPaused()} changed
   */
  InboundBudget(EventLoop eventLoop, int highWater, int lowWater, Runnable pausedChanged, StreamCounters counters) {
    this.eventLoop = eventLoop;
    this.highWater = highWater;
    this.lowWater = lowWater;
    this.pausedChanged = pausedChanged;
    this.counters = counters;
  }

  /** Event loop: bytes were queued for a handler. */
  void added(int bytes) {
    long now = queued.addAndGet(bytes);
    counters.queued(now);
    if (!paused && now >= highWater) {
      paused = true;
      if (queued.get() <= lowWater) {
        paused = false; // drained meanwhile by a handler that could not see the pause
        return;
      }
      counters.receivePauses.increment();
      pausedChanged.run();
    }
  }

  /** Any thread: a handler took (or a discard dropped) bytes that were queued. */
  void taken(long bytes) {
    long now = queued.addAndGet(-bytes);
    if (paused && now <= lowWater && resumeScheduled.compareAndSet(false, true)) {
      try {
        eventLoop.execute(this::resume);
      } catch (RejectedExecutionException e) {
        // shutting down: the connection will not be read again anyway
      }
    }
  }

  private void resume() {
    resumeScheduled.set(false);
    if (paused && queued.get() <= lowWater) {
      paused = false;
      pausedChanged.run();
    }
  }

  /** True while the connection must not be read. */
  boolean isPaused() {
    return paused;
  }

  /** Bytes queued now (tests). */
  long queued() {
    return queued.get();
  }

  int lowWater() {
    return lowWater;
  }
}
