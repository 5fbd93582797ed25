package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Open descriptors of recently read objects, so that a hot object costs no {@code open}/{@code
 * close} per GET and a cached GET can be answered on an event loop without touching the
 * filesystem. Bounded (an arbitrary entry goes when full: hot objects come right back) and aged:
 * an entry older than {@code maxAge} is not handed out, so the next GET reopens the file and notices
 * a file changed behind the store's back, as an uncached GET does.
 *
 * <p>Consistency comes from the object locks, as for {@link MetaCache}: entries are added under
 * the object's read lock and dropped under its write lock by every change of the object (commit,
 * delete, metadata update), so a reader holding the read lock finds either no descriptor or one of
 * the version the metadata cache describes. Dropping only gives up the cache's reference:
 * transfers in flight keep theirs.
 */
final class DescriptorCache {
  private final int capacity;
  private final long maxAgeNanos;
  private final Map<ObjectKey, SharedFile> files = new ConcurrentHashMap<>();

  /** @param capacity at most this many descriptors; 0 disables the cache */
  DescriptorCache(int capacity, Duration maxAge) {
    this.capacity = capacity;
    this.maxAgeNanos = maxAge.toNanos();
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** The object's cached descriptor, retained for the caller; null if none or too old. */
  SharedFile acquire(ObjectKey key) {
    SharedFile file = files.get(key);
    if (file == null || System.nanoTime() - file.openedAtNanos() > maxAgeNanos || !file.retain()) {
      return null;
    }
    return file;
  }

  /**
   * Caches a channel just opened for the object, replacing any older descriptor; the caller holds
   * the object's lock and gets the file back with one reference of its own.
   */
  SharedFile add(ObjectKey key, FileChannel channel) {
    SharedFile file = new SharedFile(channel, System.nanoTime());
    if (!enabled()) {
      return file;
    }
    file.retain();
    SharedFile previous = files.put(key, file);
    if (previous != null) {
      previous.release();
    }
    if (files.size() > capacity) {
      evictOtherThan(key);
    }
    return file;
  }

  /** Forgets the object's descriptor; the caller holds the object's write lock. */
  void invalidate(ObjectKey key) {
    SharedFile previous = files.remove(key);
    if (previous != null) {
      previous.release();
    }
  }

  void invalidateBucket(Bucket bucket) {
    dropIf(key -> key.bucket().equals(bucket));
  }

  /** Closes every cached descriptor (transfers in flight keep theirs open until they end). */
  void clear() {
    dropIf(key -> true);
  }

  int size() {
    return files.size();
  }

  private void evictOtherThan(ObjectKey keep) {
    Iterator<ObjectKey> keys = files.keySet().iterator();
    while (files.size() > capacity && keys.hasNext()) {
      ObjectKey key = keys.next();
      if (!key.equals(keep)) {
        SharedFile file = files.remove(key);
        if (file != null) {
          file.release();
        }
      }
    }
  }

  // remove(key, file): an entry replaced meanwhile is someone else's to release
  private void dropIf(Predicate<ObjectKey> which) {
    for (Map.Entry<ObjectKey, SharedFile> entry : files.entrySet()) {
      if (which.test(entry.getKey()) && files.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().release();
      }
    }
  }
}
