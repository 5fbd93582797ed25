package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this target last took a cluster-wide DELETE of each object, for a while: a copy of the
 * object that was already on its way here (a rebalance moving it from its old owner) and arrives
 * after the DELETE must not bring it back.
 *
 * <p>Design notes. A copy older than the DELETE (its mtime at or before the delete's time) is
 * dropped; a newer one is a write that came after the DELETE and is stored. Entries live for
 * {@link #KEEP} (far longer than any object stays in flight) and are pruned every
 * {@link #PRUNE_EVERY} records, so memory is bounded by the DELETE rate times {@code KEEP}. Times
 * are wall-clock nanoseconds, as object mtimes are.
 */
final class RecentDeletes {
  static final Duration KEEP = Duration.ofMinutes(10);
  private static final int PRUNE_EVERY = 4096;

  private record Key(Bucket bucket, String name) {}

  private final ConcurrentHashMap<Key, Long> deleted = new ConcurrentHashMap<>();
  private final AtomicLong records = new AtomicLong();
  private final InstantSource clock;

  RecentDeletes(InstantSource clock) {
    this.clock = clock;
  }

  /** Records a DELETE of the object now. */
  void record(Bucket bucket, String name) {
    long now = nowNanos();
    deleted.merge(new Key(bucket, name), now, Math::max);
    if (records.incrementAndGet() % PRUNE_EVERY == 0) {
      long cutoff = now - KEEP.toNanos();
      deleted.values().removeIf(at -> at < cutoff);
    }
  }

  /** True when the object was deleted at or after {@code mtimeNanos}: a copy written then is gone. */
  boolean deletedSince(Bucket bucket, String name, long mtimeNanos) {
    Long at = deleted.get(new Key(bucket, name));
    return at != null && at >= mtimeNanos && at >= nowNanos() - KEEP.toNanos();
  }

  private long nowNanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
