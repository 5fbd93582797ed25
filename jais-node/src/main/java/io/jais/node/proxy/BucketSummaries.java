package io.jais.node.proxy;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.json.WireJson;
import io.jais.api.object.TargetSummary;
import io.jais.node.job.JobStart;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asynchronous bucket summaries ({@code summary-bck}, and HEAD with {@code bsumm_remote}): a start
 * runs a {@code summary-bck} job on every target and returns its ID at once; polls by ID see it
 * running, then the sum of the targets' results (each target's {@link TargetSummary} is its
 * snapshot's {@code ext}). Finished jobs answer as long as the targets keep them in their history.
 */
public final class BucketSummaries {
  private final JobCoordinator jobs;

  public BucketSummaries(JobCoordinator jobs) {
    this.jobs = jobs;
  }

  /** Starts summarizing the bucket's objects under {@code prefix}; returns the job ID. */
  public String start(Bucket bucket, String prefix) throws InterruptedException {
    return jobs.start(JobStart.onBucket("", JobKind.SUMMARY, bucket, Map.of("prefix", prefix)));
  }

  /**
   * The summary once every target is done; empty while it runs.
   *
   * @throws JaisException 404 for an unknown (or expired, or non-summary) job; 409 when it was
   *     aborted; 500 when it failed
   */
  public Optional<BucketSummary> result(String id) throws InterruptedException {
    List<JobSnapshot> snapshots;
    try {
      snapshots = jobs.snapshots(JobQuery.ofId(id)).values().stream().flatMap(List::stream).toList();
    } catch (JaisException e) {
      throw e.code().status() == 404 ? notFound(id) : e;
    }
    if (snapshots.isEmpty() || snapshots.stream().anyMatch(s -> !s.kind().equals(JobKind.SUMMARY))) {
      throw notFound(id);
    }
    if (!snapshots.stream().allMatch(JobSnapshot::finished)) {
      return Optional.empty();
    }
    TargetSummary total = TargetSummary.EMPTY;
    for (JobSnapshot snapshot : snapshots) {
      if (snapshot.aborted()) {
        throw new JaisException(ErrorCode.CONFLICT, "bucket summary job " + id + " was aborted: " + snapshot.abortError());
      }
      if (!snapshot.error().isEmpty() || snapshot.ext() == null) {
        throw new JaisException(ErrorCode.INTERNAL, "bucket summary job " + id + " failed: " + snapshot.error());
      }
      total = total.plus(WireJson.convert(snapshot.ext(), TargetSummary.class));
    }
    Bucket bucket = snapshots.getFirst().bucket().toBucket();
    long avg = total.count() == 0 ? 0 : total.size() / total.count();
    long usedPct = total.disks() == 0 ? 0 : total.onDisk() * 100 / total.disks();
    return Optional.of(new BucketSummary(bucket, new BucketSummary.Counts(total.count(), 0),
        new BucketSummary.Sizes(total.minSize(), avg, total.maxSize()),
        new BucketSummary.Totals(total.onDisk(), total.size(), 0, total.disks()), usedPct, true));
  }

  private static JaisException notFound(String id) {
    return new JaisException(ErrorCode.NOT_FOUND, "bucket summary job " + id + " not found");
  }
}
