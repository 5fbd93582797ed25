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
    return of(target, builder -> {});
  }

  /** With {@code more}: kinds that live in the services they drive (ec-encode in {@code io.jais.node.ec}). */
  public static JobKinds of(TargetServices target, java.util.function.Consumer<JobKinds.Builder> more) {
    JobKinds.Builder builder = JobKinds.builder()
        .add(JobKind.LRU, start -> new LruJob(start, target))
        .add(JobKind.STORE_CLEANUP, start -> new StoreCleanupJob(start, target))
        .add(JobKind.SUMMARY, start -> new BucketSummaryJob(start, target))
        .add(JobKind.SCRUB, start -> new ScrubJob(start, target))
        .add(JobKind.DELETE_OBJECTS, start -> new DeleteObjectsJob(start, target))
        .add(JobKind.COPY_OBJECTS, start -> new CopyObjectsJob(start, target));
    more.accept(builder);
    return builder.build();
  }
}
