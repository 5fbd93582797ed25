package io.jais.node.objects;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per multipart upload that is being completed or aborted on this target, so a
 * CompleteMultipartUpload retried while the first is still assembling the object waits for it (and
 * is then answered from the completed object) instead of assembling it again, and an abort cannot
 * remove parts a completion is reading.
 *
 * <p>Implementation notes: a lock exists only while some thread holds or waits for it (a count of
 * its users, changed only inside the map's atomic {@code compute}), so the map is bounded by the
 * requests in flight, and different uploads never wait for each other (no striping).
 */
public final class UploadLocks {
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users; // guarded by the map's per-key atomicity
  }

  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  /** Work done while holding the upload's lock. */
  @FunctionalInterface
  public interface Locked<T> {
    T run() throws Exception;
  }

  <T> T withLock(String uploadId, Locked<T> work) throws Exception {
    Entry entry = locks.compute(uploadId, (id, existing) -> {
      Entry e = existing == null ? new Entry() : existing;
      e.users++;
      return e;
    });
    entry.lock.lock();
    try {
      return work.run();
    } finally {
      entry.lock.unlock();
      locks.computeIfPresent(uploadId, (id, e) -> --e.users == 0 ? null : e);
    }
  }

  /** Uploads with a lock held or awaited (tests). */
  int size() {
    return locks.size();
  }
}
