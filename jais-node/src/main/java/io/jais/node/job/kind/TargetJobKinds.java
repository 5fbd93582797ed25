package io.jais.node.job.kind;

import io.jais.api.job.JobKind;
import io.jais.node.job.JobKinds;

/**
 * The kinds a target runs: one line each. Adding a kind is one class (a {@link io.jais.node.job.Job}
 * subclass here) plus one line below; its static facts (display name, demand or terminal, status
 * tracking) come from {@link JobKind}'s table.
 */
public final class TargetJobKinds {
  private TargetJobKinds() {}

  public static JobKinds of(TargetServices target) {
    return builder(target).build();
  }

  /** The kinds above plus those {@code more} adds (kinds that live in packages of their own). */
  public static JobKinds of(TargetServices target, java.util.function.Consumer<JobKinds.Builder> more) {
    JobKinds.Builder builder = builder(target);
    more.accept(builder);
    return builder.build();
  }

  /** The kinds of this package, for a node to add the kinds of other packages to. */
  public static JobKinds.Builder builder(TargetServices target) {
    return JobKinds.builder()
        .add(JobKind.LRU, start -> new LruJob(start, target))
        .add(JobKind.STORE_CLEANUP, start -> new StoreCleanupJob(start, target))
        .add(JobKind.SUMMARY, start -> new BucketSummaryJob(start, target))
        .add(JobKind.SCRUB, start -> new ScrubJob(start, target))
        .add(JobKind.DELETE_OBJECTS, start -> new DeleteObjectsJob(start, target))
        .add(JobKind.COPY_OBJECTS, start -> new CopyObjectsJob(start, target))
        .add(JobKind.COPY_BUCKET, start -> new CopyObjectsJob(start, target))
        .add(JobKind.MOVE_BUCKET, start -> new CopyObjectsJob(start, target))
        .add(JobKind.PROMOTE, start -> new PromoteJob(start, target));
  }
}
