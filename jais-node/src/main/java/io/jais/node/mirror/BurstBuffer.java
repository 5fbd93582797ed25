package io.jais.node.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AIS's mirror burst buffer: a bounded queue of work (objects to copy) served by background
 * workers, so that a PUT is answered before its copies are made. Overflow is handled as AIS does
 * it: a writer that finds the queue full waits for room ({@link #post}; back-pressure, counted in
 * {@link #overflows()}), so copies never silently fall behind their objects; a caller that must
 * not wait (a reader reporting a lost copy under an object lock) uses {@link #offer}, which drops
 * the item when full (it is found again by the next read, scrub or make-n-copies).
 *
 * <p>Implementation notes: one {@link ArrayBlockingQueue} of the configured capacity and a fixed
 * set of virtual-thread workers; {@link #pending()} counts items queued or being handled, so that
 * tests and jobs can wait for the buffer to drain. A handler's exception is logged and counted;
 * the worker goes on. {@link #close} stops the workers and drops what is queued (AIS logs the
 * dropped count when its xaction stops).
 */
final class BurstBuffer<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BurstBuffer.class);

  private final String name;
  private final int capacity;
  private final BlockingQueue<T> queue;
  private final Consumer<T> handler;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong overflows = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closed;

  BurstBuffer(String name, int capacity, int workerCount, Consumer<T> handler) {
    if (capacity < 1 || workerCount < 1) {
      throw new IllegalArgumentException("capacity " + capacity + ", workers " + workerCount + " (expected: >= 1)");
    }
    this.name = name;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.handler = handler;
    for (int i = 0; i < workerCount; i++) {
      workers.add(Thread.ofVirtual().name(name + "-" + i).start(this::serve));
    }
  }

  int capacity() {
    return capacity;
  }

  /**
   * Queues the item, waiting while the queue is full.
   *
   * @return false when the buffer is closed (the item is not queued)
   */
  boolean post(T item) throws InterruptedException {
    if (closed) {
      return false;
    }
    pending.incrementAndGet();
    if (!queue.offer(item)) {
      long full = overflows.incrementAndGet();
      if (full == 1 || full % 1000 == 0) {
        log.warn("{}: burst buffer full ({} items), writers wait (full {} times)", name, capacity, full);
      }
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (closed) {
          pending.decrementAndGet();
          return false;
        }
      }
    }
    return true;
  }

  /** Queues the item if there is room, without waiting; false when dropped. */
  boolean offer(T item) {
    if (closed) {
      return false;
    }
    pending.incrementAndGet();
    if (queue.offer(item)) {
      return true;
    }
    pending.decrementAndGet();
    overflows.incrementAndGet();
    return false;
  }

  /** Items queued or being handled. */
  int pending() {
    return pending.get();
  }

  /** How often an item found the queue full. */
  long overflows() {
    return overflows.get();
  }

  long done() {
    return done.get();
  }

  long failed() {
    return failed.get();
  }

  private void serve() {
    while (!closed) {
      T item;
      try {
        item = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (item == null) {
        continue;
      }
      try {
        handler.accept(item);
        done.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        log.warn("{}: {} failed: {}", name, item, e.toString());
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /** Stops the workers; returns how many queued items were dropped. */
  @Override
  public void close() {
    closed = true;
    int dropped = queue.size();
    queue.clear();
    pending.addAndGet(-dropped);
    workers.forEach(Thread::interrupt);
    if (dropped > 0) {
      log.info("{}: stopped, dropped {} queued item(s)", name, dropped);
    }
  }
}
