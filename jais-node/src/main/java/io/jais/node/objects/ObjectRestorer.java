package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import java.io.IOException;

/**
 * Brings back an object this target should serve but lost (no file on any mountpath) or holds
 * damaged (its checksum does not match): from another copy on this target (mirroring), from
 * slices on other targets (erasure coding), or anything else that keeps redundancy. The one
 * place data protection attaches to reads; the {@link ObjectService} asks its restorers in the
 * order they were added, after the misplaced-object lookup found nothing, and retries the read
 * once when one of them answers true.
 *
 * <p>A restorer runs on the reader's (virtual) thread and may block on disks and the network. It
 * must store the object through the store's atomic commit (a reader never sees a half-restored
 * file) with its original metadata (version, checksum, custom metadata), and answer false, not
 * throw, when it has nothing to restore from.
 */
public interface ObjectRestorer {
  /** Why the object is being restored. */
  enum Damage {
    /** No file for it on this target. */
    MISSING,
    /** Its file's content does not match its checksum. */
    CORRUPTED
  }

  /**
   * @return true when the object is on this target's disks again, whole and verified
   */
  boolean restore(Bucket bucket, String name, BucketProps props, Damage damage) throws IOException;
}
