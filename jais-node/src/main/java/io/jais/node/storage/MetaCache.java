package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded LRU of object metadata that also buffers access times: a GET marks its entry dirty
 * instead of rewriting the extended attribute, and dirty entries are written back in batches
 * ({@link #dirty()}) or when evicted ({@link #drainEvicted()}).
 *
 * <p>The cache never does I/O. Writers of an object update it while holding that object's write
 * lock, so a reader holding the read lock sees the same metadata as the disk. Evicted dirty entries
 * are queued; the caller flushes them after releasing its object lock.
 */
final class MetaCache {
  /** A buffered access time to write back: {@code meta} carries the newest atime. */
  record Dirty(ObjectKey key, ObjectMeta meta, boolean escaped) {}

  /** Cached metadata and the form the object is stored in ({@link Fqn#escaped}). */
  record Cached(ObjectMeta meta, boolean escaped) {}

  private static final class Slot {
    ObjectMeta meta;
    final boolean escaped;
    boolean dirty;

    Slot(ObjectMeta meta, boolean escaped, boolean dirty) {
      this.meta = meta;
      this.escaped = escaped;
      this.dirty = dirty;
    }
  }

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Dirty> evicted = new ArrayList<>();
  private final LinkedHashMap<ObjectKey, Slot> entries;

  MetaCache(int capacity) {
    this.capacity = Math.max(1, capacity);
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ObjectKey, Slot> eldest) {
        if (size() <= MetaCache.this.capacity) {
          return false;
        }
        if (eldest.getValue().dirty) {
          evicted.add(new Dirty(eldest.getKey(), eldest.getValue().meta, eldest.getValue().escaped));
        }
        return true;
      }
    };
  }

  /** The cached entry, or null. */
  Cached get(ObjectKey key) {
    lock.lock();
    try {
      Slot entry = entries.get(key);
      return entry == null ? null : new Cached(entry.meta, entry.escaped);
    } finally {
      lock.unlock();
    }
  }

  /** Caches metadata as persisted (clean), replacing any buffered atime. */
  void put(ObjectKey key, ObjectMeta meta, boolean escaped) {
    lock.lock();
    try {
      entries.put(key, new Slot(meta, escaped, false));
    } finally {
      lock.unlock();
    }
  }

  /** Caches metadata just read from disk unless an entry (maybe with a buffered atime) exists. */
  void putIfAbsent(ObjectKey key, ObjectMeta meta, boolean escaped) {
    lock.lock();
    try {
      entries.putIfAbsent(key, new Slot(meta, escaped, false));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records an access of a cached object in its entry: the metadata with the new atime, or null
   * when the object is not cached. One look-up under one lock for the hot GET, where {@link #get}
   * then {@link #touch} took two of each and a new entry.
   */
  ObjectMeta touchCached(ObjectKey key, long atimeNanos) {
    lock.lock();
    try {
      Slot slot = entries.get(key); // access order: this also makes it the most recently used
      if (slot == null) {
        return null;
      }
      slot.meta = slot.meta.withAtime(Math.max(atimeNanos, slot.meta.atimeNanos()));
      slot.dirty = true;
      return slot.meta;
    } finally {
      lock.unlock();
    }
  }

  /** Records an access; returns the metadata with the new atime. */
  ObjectMeta touch(ObjectKey key, ObjectMeta meta, boolean escaped, long atimeNanos) {
    ObjectMeta touched = meta.withAtime(Math.max(atimeNanos, meta.atimeNanos()));
    lock.lock();
    try {
      entries.put(key, new Slot(touched, escaped, true));
      return touched;
    } finally {
      lock.unlock();
    }
  }

  void remove(ObjectKey key) {
    lock.lock();
    try {
      entries.remove(key);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets every entry of a bucket (destroyed), including buffered atimes. */
  void removeBucket(Bucket bucket) {
    lock.lock();
    try {
      entries.keySet().removeIf(key -> key.bucket().equals(bucket));
      evicted.removeIf(dirty -> dirty.key().bucket().equals(bucket));
    } finally {
      lock.unlock();
    }
  }

  /** Forgets every entry (atimes not yet persisted are lost: they are hints). */
  void clear() {
    lock.lock();
    try {
      entries.clear();
      evicted.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Snapshot of the entries whose atime is not yet persisted. */
  List<Dirty> dirty() {
    lock.lock();
    try {
      List<Dirty> result = new ArrayList<>();
      for (Map.Entry<ObjectKey, Slot> entry : entries.entrySet()) {
        if (entry.getValue().dirty) {
          result.add(new Dirty(entry.getKey(), entry.getValue().meta, entry.getValue().escaped));
        }
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Marks an entry clean if it still holds exactly the flushed metadata. */
  void markClean(ObjectKey key, ObjectMeta flushed) {
    lock.lock();
    try {
      Slot entry = entries.get(key);
      if (entry != null && entry.meta.equals(flushed)) {
        entry.dirty = false;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes the dirty entries evicted since the last call. */
  List<Dirty> drainEvicted() {
    lock.lock();
    try {
      if (evicted.isEmpty()) {
        return List.of();
      }
      List<Dirty> result = List.copyOf(evicted);
      evicted.clear();
      return result;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }
}
