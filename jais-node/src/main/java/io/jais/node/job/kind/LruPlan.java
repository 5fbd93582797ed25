package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.node.storage.Mountpath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The rules of LRU eviction, apart from any disk: how much to free on a filesystem, which buckets
 * may lose objects, and which objects go (least recently used first).
 */
final class LruPlan {
  private LruPlan() {}

  /**
   * Bytes to free on a filesystem: none while its used capacity is below {@code highWm} percent,
   * else enough to get back down to {@code lowWm} percent (AIS's watermarks).
   */
  static long bytesToFree(Mountpath.Capacity capacity, long lowWm, long highWm) {
    if (capacity.total() <= 0) {
      return 0;
    }
    long usedPercent = (long) Math.floor(100.0 * capacity.used() / capacity.total()); // whole percents, as AIS
    if (usedPercent < highWm) {
      return 0;
    }
    return Math.max(0, capacity.used() - (long) (capacity.total() * (lowWm / 100.0)));
  }

  /**
   * Whether LRU may evict a bucket's objects: only cached copies of remote buckets (an {@code ais}
   * bucket's objects are the only copy and are never evicted), and only with LRU enabled in the
   * bucket's properties, unless forced.
   */
  static boolean evictable(Bucket bucket, BucketProps props, boolean force) {
    return !bucket.isLocal() && (force || props.lru().enabled());
  }

  /** An object LRU could evict. */
  record Candidate(Bucket bucket, String name, long size, long atimeNanos) {}

  /**
   * Picks the least recently used objects whose sizes add up to at least the bytes to free,
   * skipping those accessed after {@code notAfterNanos} ({@code lru.dont_evict_time} ago). Offers
   * come in any order; memory holds only what is picked so far (a heap with the most recently used
   * on top, trimmed whenever the rest already covers the goal).
   */
  static final class Selector {
    private final long bytesToFree;
    private final long notAfterNanos;
    private final PriorityQueue<Candidate> picked =
        new PriorityQueue<>(Comparator.comparingLong(Candidate::atimeNanos).reversed());
    private long pickedBytes;

    Selector(long bytesToFree, long notAfterNanos) {
      this.bytesToFree = bytesToFree;
      this.notAfterNanos = notAfterNanos;
    }

    void offer(Candidate candidate) {
      if (bytesToFree <= 0 || candidate.atimeNanos() > notAfterNanos) {
        return;
      }
      picked.add(candidate);
      pickedBytes += candidate.size();
      while (!picked.isEmpty() && pickedBytes - picked.peek().size() >= bytesToFree) {
        pickedBytes -= picked.poll().size(); // the most recent one is not needed to reach the goal
      }
    }

    /** The picked objects, least recently used first. */
    List<Candidate> selected() {
      List<Candidate> out = new ArrayList<>(picked);
      out.sort(Comparator.comparingLong(Candidate::atimeNanos));
      return out;
    }
  }
}
