package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objects of EC buckets this target deleted recently, with the write each delete removed:
 * slices are deleted in the background, so until they are gone a GET of the deleted name must not
 * rebuild the object from them. A later write of the name forgets its entry.
 *
 * <p>Bounded (the oldest entries go first): a delete older than the last {@value #CAPACITY}
 * whose slice deletion also failed can still be rebuilt. Kept in memory only.
 */
final class DeletedObjects {
  static final int CAPACITY = 65_536;

  private final Map<String, Long> deleted = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > CAPACITY;
    }
  };

  /** {@code mtimeNanos} of the deleted write; {@link Long#MAX_VALUE} when it was not known. */
  synchronized void deleted(Bucket bucket, String name, long mtimeNanos) {
    deleted.merge(bucket.uname(name), mtimeNanos, Math::max);
  }

  synchronized void written(Bucket bucket, String name) {
    deleted.remove(bucket.uname(name));
  }

  /** Whether slices of the write with {@code mtimeNanos} belong to an object deleted here since. */
  synchronized boolean isDeleted(Bucket bucket, String name, long mtimeNanos) {
    Long gone = deleted.get(bucket.uname(name));
    return gone != null && mtimeNanos <= gone;
  }
}
