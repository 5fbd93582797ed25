package io.jais.node.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a server's blocking handlers run, and how many at once. Past the bound a request is shed:
 * answered at once with a retryable 503 instead of queueing without limit, so an overloaded node
 * slows its clients down instead of running out of memory or starving its own control plane.
 */
public abstract sealed class HandlerThreads implements AutoCloseable {
  /** A fresh virtual thread per handler, at most {@code maxInFlight} at once (the data path). */
  public static HandlerThreads virtual(String name, int maxInFlight) {
    return new Virtual(name, maxInFlight);
  }

  /**
   * A fixed pool of platform threads with a bounded queue (the control plane): scheduled by the OS
   * beside, not behind, the virtual threads of the data path.
   */
  public static HandlerThreads platform(String name, int threads, int queue) {
    return new Platform(name, threads, queue);
  }

  /** Starts {@code task}; false, without running it, when the bound is reached. */
  abstract boolean tryStart(Runnable task);

  /** Handlers running or queued now. */
  public abstract int inFlight();

  /** The bound past which requests are shed. */
  public abstract int limit();

  @Override
  public void close() {}

  private static final class Virtual extends HandlerThreads {
    private final ThreadFactory threads;
    private final int maxInFlight;
    private final AtomicInteger running = new AtomicInteger();

    Virtual(String name, int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
      }
      this.threads = Thread.ofVirtual().name(name).factory();
      this.maxInFlight = maxInFlight;
    }

    @Override
    boolean tryStart(Runnable task) {
      if (running.incrementAndGet() > maxInFlight) {
        running.decrementAndGet();
        return false;
      }
      threads.newThread(() -> {
        try {
          task.run();
        } finally {
          running.decrementAndGet();
        }
      }).start();
      return true;
    }

    @Override
    public int inFlight() {
      return running.get();
    }

    @Override
    public int limit() {
      return maxInFlight;
    }
  }

  private static final class Platform extends HandlerThreads {
    private final ThreadPoolExecutor pool;
    private final int limit;

    Platform(String name, int threads, int queue) {
      AtomicInteger n = new AtomicInteger();
      this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
          task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
          });
      this.pool.allowCoreThreadTimeOut(true);
      this.limit = threads + queue;
    }

    @Override
    boolean tryStart(Runnable task) {
      try {
        pool.execute(task);
        return true;
      } catch (RejectedExecutionException e) {
        return false;
      }
    }

    @Override
    public int inFlight() {
      return pool.getActiveCount() + pool.getQueue().size();
    }

    @Override
    public int limit() {
      return limit;
    }

    @Override
    public void close() {
      pool.shutdown();
    }
  }
}
