package io.jais.node.storage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Which file of a mirrored object a GET reads: the main file or a copy, whichever lies on the
 * mountpath that served the fewest bytes lately (AIS picks the copy on the least utilized disk;
 * JAIS measures load as the bytes its own reads opened, which is what it adds to a disk).
 *
 * <p>Implementation notes: a mountpath's load is the bytes opened in the current window of
 * {@value #WINDOW_NANOS} ns plus half the previous window's, kept in two atomics; a reader that
 * finds the window over rolls it (a lost race only misplaces a few counts). Ties go to the main
 * file, so an idle target reads mains as it would without mirroring. Lookups allocate nothing
 * but for mirrored objects.
 */
final class ReplicaReads {
  static final long WINDOW_NANOS = 200_000_000L;

  private final Mountpaths mountpaths;
  private final Map<Mountpath, Load> loads = new ConcurrentHashMap<>();
  private volatile Consumer<ObjectKey> lostListener = key -> {};

  ReplicaReads(Mountpaths mountpaths) {
    this.mountpaths = mountpaths;
  }

  /** Who is told about a listed copy a read found gone or damaged (it gets repaired). */
  void onLost(Consumer<ObjectKey> listener) {
    lostListener = listener;
  }

  void lost(ObjectKey key) {
    lostListener.accept(key);
  }

  /**
   * The mountpath of a listed copy less loaded than {@code main}; null to read the main file.
   * Copies on mountpaths no longer available are skipped.
   */
  Mountpath choose(Mountpath main, List<String> copies) {
    long now = System.nanoTime();
    long best = load(main, now);
    Mountpath chosen = null;
    List<Mountpath> available = mountpaths.all();
    for (String copy : copies) {
      Mountpath mountpath = find(available, copy);
      if (mountpath == null || mountpath.equals(main)) {
        continue;
      }
      long load = load(mountpath, now);
      if (load < best) {
        best = load;
        chosen = mountpath;
      }
    }
    return chosen;
  }

  /** Counts {@code bytes} opened for reading on the mountpath. */
  void record(Mountpath mountpath, long bytes) {
    loads.computeIfAbsent(mountpath, m -> new Load()).add(System.nanoTime(), Math.max(1, bytes));
  }

  private long load(Mountpath mountpath, long now) {
    Load load = loads.get(mountpath);
    return load == null ? 0 : load.value(now);
  }

  private static Mountpath find(List<Mountpath> available, String path) {
    for (Mountpath mountpath : available) {
      if (mountpath.path().toString().equals(path)) {
        return mountpath;
      }
    }
    return null;
  }

  /** Bytes of the current and the previous window. */
  private static final class Load {
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final AtomicLong current = new AtomicLong();
    private final AtomicLong previous = new AtomicLong();

    void add(long now, long bytes) {
      roll(now);
      current.addAndGet(bytes);
    }

    long value(long now) {
      roll(now);
      return current.get() + previous.get() / 2;
    }

    private void roll(long now) {
      long start = windowStart.get();
      long elapsed = now - start;
      if (elapsed < WINDOW_NANOS || !windowStart.compareAndSet(start, now)) {
        return;
      }
      long ended = current.getAndSet(0);
      previous.set(elapsed < 2 * WINDOW_NANOS ? ended : 0);
    }
  }
}
