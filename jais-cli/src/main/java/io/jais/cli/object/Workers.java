package io.jais.cli.object;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs one task per item on virtual threads, at most {@code parallelism} at a time, and collects
 * the failures instead of stopping at the first: a directory transfer reports every file that
 * failed, and the others still complete.
 */
final class Workers {
  /** One item that failed, and why. */
  record Failure<T>(T item, RuntimeException cause) {}

  private Workers() {}

  static <T> List<Failure<T>> run(List<T> items, int parallelism, Consumer<T> task) {
    Semaphore slots = new Semaphore(parallelism);
    Queue<Failure<T>> failures = new ConcurrentLinkedQueue<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        slots.acquireUninterruptibly();
        pool.submit(() -> {
          try {
            task.accept(item);
          } catch (RuntimeException e) {
            failures.add(new Failure<>(item, e));
          } finally {
            slots.release();
          }
        });
      }
    }
    return List.copyOf(failures);
  }
}
