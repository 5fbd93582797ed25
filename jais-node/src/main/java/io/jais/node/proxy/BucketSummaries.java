package io.jais.node.proxy;

import io.jais.api.ApiPath;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.api.object.TargetSummary;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Asynchronous bucket summaries (spec §4.5–4.6): a start returns a job ID at once, the summary is
 * computed in the background from every target's counts, and polls by ID see it running, then
 * done. Finished results are kept for a while so that late polls still find them.
 */
public final class BucketSummaries {
  private static final Duration KEEP = Duration.ofMinutes(10);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** One summary computation. */
  public record Job(String id, Bucket bucket, String prefix, long startedNanos, CompletableFuture<BucketSummary> result) {
    public boolean isDone() {
      return result.isDone();
    }

    /** The summary, or the failure that ended the job. */
    public BucketSummary summary() {
      try {
        return result.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private final ClusterState state;
  private final IntraClient intra;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  public BucketSummaries(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  /** Starts summarizing the bucket's objects under {@code prefix}; returns the job ID. */
  public String start(Bucket bucket, String prefix) {
    expireOld();
    String id = "summ-" + UUID.randomUUID().toString().substring(0, 8);
    Job job = new Job(id, bucket, prefix, System.nanoTime(), new CompletableFuture<>());
    jobs.put(id, job);
    Thread.ofVirtual().name(id).start(() -> {
      try {
        job.result().complete(compute(bucket, prefix));
      } catch (Throwable e) {
        job.result().completeExceptionally(e);
      }
    });
    return id;
  }

  /** The job with this ID; a 404 when there is none (never started, or expired). */
  public Job get(String id) {
    return Optional.ofNullable(jobs.get(id)).orElseThrow(() -> new JaisException(ErrorCode.NOT_FOUND,
        "bucket summary job " + id + " not found (finished jobs are kept for " + KEEP.toMinutes() + " minutes)"));
  }

  private BucketSummary compute(Bucket bucket, String prefix) throws Exception {
    String query = "&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8);
    TargetSummary total = TargetSummary.EMPTY;
    for (TargetSummary part : TargetFanout.callAll(state.smap().activeTargets(), target -> () -> intra.json("POST",
        IntraClient.bucketUrl(target, ApiPath.TARGET_SUMMARY, bucket) + query, null, TargetSummary.class, TIMEOUT))) {
      total = total.plus(part);
    }
    long avg = total.count() == 0 ? 0 : total.size() / total.count();
    long usedPct = total.disks() == 0 ? 0 : total.onDisk() * 100 / total.disks();
    return new BucketSummary(bucket, new BucketSummary.Counts(total.count(), 0),
        new BucketSummary.Sizes(total.minSize(), avg, total.maxSize()),
        new BucketSummary.Totals(total.onDisk(), total.size(), 0, total.disks()), usedPct, true);
  }

  private void expireOld() {
    long now = System.nanoTime();
    jobs.values().removeIf(job -> job.isDone() && now - job.startedNanos() > KEEP.toNanos());
  }

  /** For tests and diagnostics: the summary as the wire JSON array AIS answers with. */
  static byte[] asJsonArray(BucketSummary summary) {
    return WireJson.toBytes(List.of(summary));
  }
}
