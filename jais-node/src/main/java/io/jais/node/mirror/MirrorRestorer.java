package io.jais.node.mirror;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.node.objects.ObjectRestorer;
import io.jais.node.storage.ObjectCopies;
import io.jais.node.storage.ObjectStore;
import java.io.IOException;

/**
 * Restores an object from its mirror copies on this target (AIS {@code RestoreToLocation} and
 * the repair of a bad checksum): every file of the object is verified and the damaged or missing
 * ones replaced from an intact one ({@link ObjectCopies#heal}). A missing main file first has its
 * mountpath checked ({@link MountpathHealth}): when the disk is gone it is disabled, and the
 * object is restored where HRW places it now. Once whole, a mirrored object is queued for the
 * copies it may still lack.
 */
public final class MirrorRestorer implements ObjectRestorer {
  private final ObjectStore store;
  private final MirrorService mirror;
  private final MountpathHealth health;

  public MirrorRestorer(ObjectStore store, MirrorService mirror, MountpathHealth health) {
    this.store = store;
    this.mirror = mirror;
    this.health = health;
  }

  @Override
  public boolean restore(Bucket bucket, String name, BucketProps props, Damage damage) throws IOException {
    if (damage == Damage.MISSING) {
      health.checkHome(bucket, name);
    }
    ObjectCopies.Healed healed = store.copies().heal(bucket, name);
    if (!healed.whole()) {
      return false;
    }
    if (props.mirror().enabled() && healed.copies().size() + 1 < props.mirror().copies()) {
      mirror.requestCopies(bucket, name);
    }
    return true;
  }
}
