package io.jais.node.mirror;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.config.MirrorConf;
import io.jais.api.hash.Hrw;
import io.jais.node.cluster.ClusterState;
import io.jais.node.objects.CommitListener;
import io.jais.node.objects.ObjectEvent;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectCopies;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the objects of mirrored buckets at their number of copies (bucket property
 * {@code mirror}: {@code enabled}, {@code copies}, {@code burst_buffer}). After every commit
 * (a {@link CommitListener}) the object is queued in its bucket's {@link BurstBuffer} and a
 * worker adds the missing copies ({@link #ensureCopies}); the {@code make-n-copies} job calls the
 * same for every object of a bucket, up or down. Copies that a read found gone are queued for
 * repair. Deletes and overwrites need nothing here: the store drops the copies under the object's
 * lock (see {@link ObjectCopies}).
 *
 * <p>Implementation notes: one burst buffer per mirrored bucket, created on its first commit and
 * replaced when the bucket's {@code burst_buffer} changes (the old one drains first: its workers
 * stop only when closed, which happens once it is empty or at shutdown). Workers are virtual
 * threads, one per available mountpath as in AIS. Placement load is the bytes of copies in
 * flight per mountpath, so concurrent copies spread over the disks.
 */
public final class MirrorService implements CommitListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MirrorService.class);

  /** What a worker does for one object. */
  record Task(Bucket bucket, String name) {}

  private final ClusterState state;
  private final ObjectStore store;
  private final Map<Bucket, BurstBuffer<Task>> buffers = new ConcurrentHashMap<>();
  private final Map<Mountpath, AtomicLong> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong copiesMade = new AtomicLong();
  private volatile boolean closed;

  public MirrorService(ClusterState state, ObjectStore store) {
    this.state = state;
    this.store = store;
    store.copies().onLostCopy((bucket, name) -> {
      BurstBuffer<Task> buffer = buffers.get(bucket);
      if (buffer != null) {
        buffer.offer(new Task(bucket, name)); // a reader under the object's lock: never wait
      }
    });
  }

  @Override
  public void committed(ObjectEvent event) {
    if (event.kind() == ObjectEvent.Kind.SET_CUSTOM) {
      return;
    }
    store.copies().release(event.bucket(), event.name()); // a new write or a delete ends a quarantine
    if (event.kind() == ObjectEvent.Kind.DELETE) {
      return;
    }
    MirrorConf mirror = mirrorOf(event.bucket());
    if (mirror == null || !mirror.enabled() || mirror.copies() < 2 || event.meta().copies().size() + 1 >= mirror.copies()) {
      return;
    }
    try {
      buffer(event.bucket(), mirror).post(new Task(event.bucket(), event.name()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues the object for its copies without waiting (a repair noticed on a read). */
  void requestCopies(Bucket bucket, String name) {
    MirrorConf mirror = mirrorOf(bucket);
    if (mirror != null && mirror.enabled() && mirror.copies() > 1) {
      buffer(bucket, mirror).offer(new Task(bucket, name));
    }
  }

  /** Items queued or being copied, over every bucket (0: every commit so far has its copies). */
  public int pending() {
    int total = 0;
    for (BurstBuffer<Task> buffer : buffers.values()) {
      total += buffer.pending();
    }
    return total;
  }

  /** How often a writer found a burst buffer full and waited. */
  public long overflows() {
    long total = 0;
    for (BurstBuffer<Task> buffer : buffers.values()) {
      total += buffer.overflows();
    }
    return total;
  }

  public long copiesMade() {
    return copiesMade.get();
  }

  private BurstBuffer<Task> buffer(Bucket bucket, MirrorConf mirror) {
    int capacity = Math.max(1, mirror.burstBuffer());
    BurstBuffer<Task> current = buffers.get(bucket);
    if (current != null && current.capacity() == capacity) {
      return current;
    }
    synchronized (buffers) {
      current = buffers.get(bucket);
      if (current != null && current.capacity() == capacity) {
        return current;
      }
      int workers = Math.max(1, store.mountpaths().all().size());
      BurstBuffer<Task> fresh = new BurstBuffer<>("put-copies " + bucket.uri(), capacity, workers, this::handle);
      buffers.put(bucket, fresh);
      if (current != null) {
        drainThenClose(current);
      }
      if (closed) {
        fresh.close();
      }
      return fresh;
    }
  }

  private static void drainThenClose(BurstBuffer<Task> old) {
    Thread.ofVirtual().name("put-copies-drain").start(() -> {
      try {
        while (old.pending() > 0) {
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      old.close();
    });
  }

  private void handle(Task task) {
    MirrorConf mirror = mirrorOf(task.bucket());
    if (mirror == null || !mirror.enabled()) {
      return;
    }
    try {
      ensureCopies(task.bucket(), task.name(), (int) mirror.copies());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome of {@link #ensureCopies}. */
  public record Outcome(int added, int dropped, boolean repaired, boolean missing) {
    static final Outcome NONE = new Outcome(0, 0, false, false);
    static final Outcome GONE = new Outcome(0, 0, false, true);
  }

  /**
   * Brings the object to {@code total} files (main included) on distinct available mountpaths:
   * repairs it first when its main file is missing or a listed copy is on a mountpath that is no
   * longer available, then adds copies where {@link CopyPlacement} says, or drops the surplus.
   * Fewer copies than asked when the target has fewer mountpaths.
   */
  public Outcome ensureCopies(Bucket bucket, String name, int total) throws IOException {
    ObjectCopies copies = store.copies();
    Optional<List<String>> paths = copies.paths(bucket, name);
    boolean repaired = false;
    if (paths.isEmpty() || !allAvailable(paths.get())) {
      ObjectCopies.Healed healed = copies.heal(bucket, name);
      if (!healed.whole()) {
        return Outcome.GONE;
      }
      repaired = true;
      paths = copies.paths(bucket, name);
      if (paths.isEmpty()) {
        return Outcome.GONE;
      }
    }
    int have = paths.get().size();
    if (have > total) {
      return new Outcome(0, copies.dropCopies(bucket, name, total), repaired, false);
    }
    int added = 0;
    List<Mountpath> destinations = CopyPlacement.destinations(store.mountpaths().all(), paths.get(), total - have,
        this::load, Hrw.keyDigest(bucket.uname(name)));
    for (Mountpath destination : destinations) {
      AtomicLong flight = inFlight.computeIfAbsent(destination, m -> new AtomicLong());
      flight.incrementAndGet();
      try {
        ObjectCopies.Added result = copies.addCopy(bucket, name, destination);
        if (result == ObjectCopies.Added.ADDED) {
          added++;
          copiesMade.incrementAndGet();
        } else if (result != ObjectCopies.Added.ALREADY) {
          break; // changed (its own commit queues it again) or gone
        }
      } finally {
        flight.decrementAndGet();
      }
    }
    return added == 0 && !repaired ? Outcome.NONE : new Outcome(added, 0, repaired, false);
  }

  /**
   * After a mountpath was lost: every object of every mirrored bucket on the remaining mountpaths
   * is brought back to its copies (its main restored from a copy where the main was on the lost
   * mountpath). Runs on the caller's thread; returns how many objects were repaired or got copies.
   */
  public int restoreAfterLoss(Mountpath lost) {
    int fixed = 0;
    StoreMaintenance files = store.maintenance();
    for (Bmd.Entry entry : state.bmd().buckets().values()) {
      MirrorConf mirror = entry.props().mirror();
      if (!mirror.enabled() || mirror.copies() < 2) {
        continue;
      }
      Bucket bucket = entry.bucket();
      Set<String> seen = new HashSet<>();
      for (Mountpath mountpath : store.mountpaths().all()) {
        try {
          int[] count = {0};
          files.walk(mountpath, bucket, "", file -> {
            if (file.name() != null && seen.add(file.name())) {
              try {
                Outcome outcome = ensureCopies(bucket, file.name(), (int) mirror.copies());
                count[0] += outcome.added() > 0 || outcome.repaired() ? 1 : 0;
              } catch (IOException | RuntimeException e) {
                log.warn("restoring {}/{} after losing {}: {}", bucket.uri(), file.name(), lost, e.toString());
              }
            }
            return !closed;
          });
          fixed += count[0];
        } catch (IOException e) {
          log.warn("walking {} of {} after losing {}: {}", bucket.uri(), mountpath, lost, e.toString());
        }
      }
    }
    log.warn("mountpath {} lost: {} mirrored object(s) restored to their copies", lost, fixed);
    return fixed;
  }

  private boolean allAvailable(List<String> paths) {
    List<Mountpath> available = store.mountpaths().all();
    for (String path : paths) {
      if (available.stream().noneMatch(m -> m.toString().equals(path))) {
        return false;
      }
    }
    return true;
  }

  private long load(Mountpath mountpath) {
    AtomicLong flight = inFlight.get(mountpath);
    return flight == null ? 0 : flight.get();
  }

  private MirrorConf mirrorOf(Bucket bucket) {
    return state.bmd().props(bucket).map(BucketProps::mirror).orElse(null);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (buffers) {
      buffers.values().forEach(BurstBuffer::close);
    }
  }
}
