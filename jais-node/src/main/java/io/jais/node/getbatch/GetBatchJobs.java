package io.jais.node.getbatch;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobId;
import io.jais.api.job.JobKind;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.job.Jobs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The get-batch jobs of an assembling target, one per bucket of the request path (none for
 * {@code /v1/ml/moss}), as AIS keeps one x-moss per bucket: a request joins the running job of its
 * bucket, or starts a new one when there is none or it stopped taking work. Registered as the
 * {@code get-batch} kind's factory, so the jobs are ordinary jobs of the node: listed, queried,
 * aborted by ID or kind, journaled.
 */
public final class GetBatchJobs {
  private final Supplier<Jobs> jobs;
  private final Duration idleTime;
  private final Map<Optional<Bucket>, GetBatchJob> current = new HashMap<>();
  private final Map<String, GetBatchJob> created = new HashMap<>();

  /**
   * @param jobs the node's jobs (given later: they are built with this factory among their kinds)
   * @param idleTime how long a job takes requests after its last one
   */
  public GetBatchJobs(Supplier<Jobs> jobs, Duration idleTime) {
    this.jobs = jobs;
    this.idleTime = idleTime;
  }

  /** The {@code get-batch} factory for {@link io.jais.node.job.JobKinds}. */
  public Job create(JobStart start) {
    GetBatchJob job = new GetBatchJob(start, idleTime, () -> stopped(start));
    synchronized (this) {
      created.put(start.id(), job);
    }
    return job;
  }

  private synchronized void stopped(JobStart start) {
    GetBatchJob job = created.remove(start.id());
    current.remove(Optional.ofNullable(start.bucket()), job);
  }

  /** A job that has admitted one request for {@code bucket} (null: none in the path); release it when done. */
  GetBatchJob admit(Bucket bucket) {
    Optional<Bucket> key = Optional.ofNullable(bucket);
    while (true) {
      GetBatchJob job;
      synchronized (this) {
        job = current.get(key);
      }
      if (job != null && job.admit()) {
        return job;
      }
      String id = JobId.generate();
      jobs.get().start(JobStart.onBucket(id, JobKind.GET_BATCH, bucket, null));
      synchronized (this) {
        GetBatchJob started = created.get(id);
        if (started == null) { // ended at once: the node is shutting down
          throw new io.jais.api.error.JaisException(io.jais.api.error.ErrorCode.UNAVAILABLE,
              "get-batch: " + id + " ended as it started (shutting down?)");
        }
        GetBatchJob other = current.get(key);
        if (other != null && other != started && other.admit()) {
          return other; // a concurrent request started one first; ours idles out unused
        }
        current.put(key, started);
        if (started.admit()) {
          return started;
        }
      }
    }
  }
}
