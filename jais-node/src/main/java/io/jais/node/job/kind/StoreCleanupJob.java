package io.jais.node.job.kind;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.GoDuration;
import io.jais.api.job.JobArgs;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import io.jais.node.storage.StoreMaintenance.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code cleanup-store} (display name {@code cleanup}; {@code ais storage cleanup}): reclaims what
 * a target's mountpaths hold but need not, each mountpath by its own jogger:
 * <ul>
 *   <li>{@value #TRASH}: the trash (destroyed buckets still being deleted);</li>
 *   <li>{@value #DELETED_BUCKETS}: directories of buckets in no BMD (left by a crash or by a
 *       destroy this target missed), except the node's internal ones (S3 upload parts);</li>
 *   <li>{@value #OLD_WORK}: workfiles older than {@code space.dont_cleanup_time}, never one a write
 *       of this process holds open (in-flight PUT, append session);</li>
 *   <li>{@value #ORPHANS}: object files without readable metadata (missing, corrupt, wrong size),
 *       and metadata sidecars without their object, older than that same time;</li>
 *   <li>{@value #MOVED_LOCAL} / {@value #REMOVED_LOCAL}: objects on the wrong mountpath of this
 *       target, moved to their HRW mountpath, or removed when that one has the same or a newer
 *       version;</li>
 *   <li>{@value #REMOVED_MISPLACED} / {@value #KEPT_MISPLACED}: copies of objects another target
 *       owns (HRW), removed only when the owner holds the same version (same checksum) or a newer
 *       one (asked with a local-only HEAD); otherwise kept, since while a rebalance runs they may be
 *       the only copy. Flag {@link JobArgs#FLAG_KEEP_MISPLACED} keeps them all.</li>
 * </ul>
 * {@code loc-objs}/{@code loc-bytes} count the object files removed. Every change re-checks the
 * file under its object's lock ({@link StoreMaintenance}); abort stops between files. With buckets
 * named, only their directories are visited.
 */
final class StoreCleanupJob extends Job {
  static final String TRASH = "trash";
  static final String DELETED_BUCKETS = "deleted-buckets";
  static final String OLD_WORK = "old-work";
  static final String ORPHANS = "orphans";
  static final String MOVED_LOCAL = "moved-local";
  static final String REMOVED_LOCAL = "removed-local";
  static final String REMOVED_MISPLACED = "removed-misplaced";
  static final String KEPT_MISPLACED = "kept-misplaced";

  private final ObjectStore store;
  private final ClusterState state;
  private final ObjectService objects;
  private final Predicate<Bucket> internalBucket;
  private final List<Bucket> buckets;
  private volatile Smap smap;
  private volatile Instant cutoff;

  StoreCleanupJob(JobStart start, TargetServices target) {
    super(start, TRASH, DELETED_BUCKETS, OLD_WORK, ORPHANS, MOVED_LOCAL, REMOVED_LOCAL, REMOVED_MISPLACED, KEPT_MISPLACED);
    this.store = target.store();
    this.state = target.state();
    this.objects = target.objects();
    this.internalBucket = target.internalBucket();
    this.buckets = start.allBuckets();
    for (Bucket bucket : buckets) {
      KindParams.requireExisting(bucket, state);
    }
  }

  @Override
  protected void execute() {
    smap = state.smap();
    Duration keep = GoDuration.parse("space.dont_cleanup_time", state.config().space().dontCleanupTime());
    cutoff = clock().instant().minus(keep);
    List<Mountpath> mountpaths = store.mountpaths().all();
    parallelism(mountpaths.size(), 0);
    forEach(mountpaths.iterator(), mountpaths.size(), true, this::jog);
  }

  private void jog(Mountpath mountpath) throws IOException {
    StoreMaintenance files = store.maintenance();
    if (buckets.isEmpty()) {
      counters().add(TRASH, files.emptyTrash(mountpath));
    }
    Bmd bmd = state.bmd();
    for (Map.Entry<Bucket, Path> dir : files.buckets(mountpath).entrySet()) {
      checkAborted();
      Bucket bucket = dir.getKey();
      if (!buckets.isEmpty() && !buckets.contains(bucket)) {
        continue;
      }
      if (!bmd.contains(bucket)) {
        // an empty BMD is a node that has not heard of any bucket yet, not one whose buckets are gone
        if (bmd.version() > 0 && !internalBucket.test(bucket)) {
          files.discard(mountpath, dir.getValue());
          counters().add(DELETED_BUCKETS, 1);
        }
        continue;
      }
      files.walk(mountpath, bucket, "", file -> {
        checkAborted();
        try {
          visit(files, file);
        } catch (IOException | RuntimeException e) {
          checkAborted(); // an abort unwinds the walk; anything else is this file's failure
          fail(file.path() + ": " + message(e));
        }
        return true;
      });
      for (Path sidecar : files.orphanSidecars(mountpath, bucket, cutoff)) {
        if (files.removeOrphanSidecar(mountpath, bucket, sidecar)) {
          counters().add(ORPHANS, 1);
        }
      }
    }
    for (StoreMaintenance.Workfile workfile : files.workfiles(mountpath)) {
      checkAborted();
      boolean selected = buckets.isEmpty()
          || buckets.stream().anyMatch(b -> workfile.path().startsWith(io.jais.node.storage.Fqn.bucketDir(mountpath, b)));
      if (selected && !workfile.inUse() && workfile.modified().isBefore(cutoff) && files.removeWorkfile(workfile)) {
        counters().add(OLD_WORK, 1);
      }
    }
  }

  private void visit(StoreMaintenance files, StoredFile file) throws IOException {
    StoreMaintenance.Inspection found = files.inspect(file);
    switch (found.health()) {
      case GONE -> {
        return;
      }
      case NO_METADATA, CORRUPT_METADATA, SIZE_MISMATCH -> {
        if (olderThanCutoff(file.path())) {
          long size = Files.size(file.path());
          if (files.removeUnreadable(file)) {
            counters().add(ORPHANS, 1);
            counters().processed(size);
          }
        }
        return;
      }
      case OK -> {
        // handled below
      }
    }
    if (file.name() == null) {
      return;
    }
    Snode owner = smap.owner(file.bucket(), file.name());
    boolean keepMisplaced = start().hasFlag(JobArgs.FLAG_KEEP_MISPLACED);
    if (owner != null && !owner.id().equals(state.self().id())) {
      if (!keepMisplaced && ownerHasIt(owner, file, found.meta())) {
        if (files.removeStray(file, found.meta())) {
          counters().add(REMOVED_MISPLACED, 1);
          counters().processed(found.meta().size());
        }
        return;
      }
      counters().add(KEPT_MISPLACED, 1);
    }
    if (!files.onHome(file) && !keepMisplaced) {
      switch (files.relocate(file)) {
        case MOVED -> counters().add(MOVED_LOCAL, 1);
        case REMOVED_DUPLICATE -> {
          counters().add(REMOVED_LOCAL, 1);
          counters().processed(found.meta().size());
        }
        case IN_PLACE, UNREADABLE -> {
          // changed meanwhile: the next cleanup sees it again
        }
      }
    }
  }

  private boolean olderThanCutoff(Path file) throws IOException {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /**
   * True when the owner holds the object in the same version (and checksum) or a newer one, from
   * its own disks: then this copy is redundant. Missing there, diverged, or no answer: false.
   */
  private boolean ownerHasIt(Snode owner, StoredFile file, ObjectMeta local) {
    Optional<ObjectMeta> theirs;
    try {
      theirs = objects.copyOn(owner.id(), file.bucket(), file.name());
    } catch (IOException e) {
      return false;
    }
    if (theirs.isEmpty()) {
      return false;
    }
    if (!theirs.get().version().equals(local.version())) {
      return newer(theirs.get().version(), local.version());
    }
    return !local.checksum().isNone() && local.checksum().matches(theirs.get().checksum());
  }

  private static boolean newer(String theirs, String ours) {
    try {
      return Long.parseLong(theirs) > Long.parseLong(ours);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  protected String describe() {
    return (buckets.isEmpty() ? "all buckets" : buckets.toString())
        + (start().hasFlag(JobArgs.FLAG_KEEP_MISPLACED) ? ", keep misplaced" : "");
  }
}
