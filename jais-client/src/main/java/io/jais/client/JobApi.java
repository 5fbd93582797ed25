package io.jais.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.api.json.WireJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Jobs (AIS xactions, docs/native-api.md#jobs): start, stop, status and per-target snapshots, all on
 * {@code /v1/cluster} of the endpoint. Obtain it from {@link JaisClient#jobs()}. Thread-safe.
 *
 * <p>Every method throws {@link JaisException}: the server's error ({@code NOT_FOUND} for an
 * unknown job ID, {@code INVALID_ARGUMENT} for an unknown kind) or {@code UNAVAILABLE}.
 */
public final class JobApi {
  private static final TypeReference<List<JobStatus>> STATUS_LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, List<JobSnapshot>>> SNAPSHOTS = new TypeReference<>() {};
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private final Transport transport;

  JobApi(Transport transport) {
    this.transport = transport;
  }

  /** Starts a job of {@code kind} (on one bucket, or null for none) and returns its ID. */
  public String start(String kind, Bucket bucket) {
    return start(new JobArgs("", kind, "", bucket, null), "");
  }

  /**
   * Starts a job by kind (or display name) with every AIS argument: one or several buckets, flag
   * bits (e.g. {@link JobArgs#FLAG_KEEP_MISPLACED} for a cleanup), force; {@code name} is the
   * action's name, which some kinds read (a scrub's name prefix). Returns the job's ID.
   *
   * @throws JaisException {@code INVALID_ARGUMENT} for an unknown kind or one that is not started by
   *     kind, {@code BUCKET_NOT_FOUND}, {@code NOT_IMPLEMENTED} for a kind JAIS does not run
   */
  public String start(JobArgs args, String name) {
    Call call = Call.of("PUT", ApiPath.CLUSTER)
        .action(new ActMsg(Action.START_JOB, name, WireJson.MAPPER.valueToTree(args)));
    return new String(transport.send(call).bytes(), java.nio.charset.StandardCharsets.UTF_8).replace("\"", "").strip();
  }

  /** Aborts the jobs {@code args} names (by ID and/or kind). */
  public void stop(JobArgs args) {
    transport.send(Call.of("PUT", ApiPath.CLUSTER).action(ActMsg.of(Action.STOP_JOB, WireJson.MAPPER.valueToTree(args))))
        .discard();
  }

  /** Returns the cluster-wide status of the job with this ID. */
  public JobStatus status(String id) {
    return query("status", JobArgs.ofId(id)).json(JobStatus.class);
  }

  /** Returns the status of every job the query matches, finished ones included; never null. */
  public List<JobStatus> list(JobQuery query) {
    List<JobStatus> all = query("status_all", query).json(STATUS_LIST);
    return all == null ? List.of() : all;
  }

  /** Returns {@code kind[id]} of every running job the query matches. */
  public List<String> running(JobQuery query) {
    List<String> names = query("running_all", query).json(NAMES);
    return names == null ? List.of() : names;
  }

  /** Returns each target's snapshots of the jobs {@code args} names, by target ID. */
  public Map<String, List<JobSnapshot>> snapshots(JobArgs args) {
    Map<String, List<JobSnapshot>> all = query("qryxstats", args).json(SNAPSHOTS);
    return all == null ? Map.of() : all;
  }

  /**
   * Returns each target's snapshots of the jobs the query matches (by ID, kind, bucket; only
   * running ones with {@code activeOnly}), by target ID.
   */
  public Map<String, List<JobSnapshot>> snapshots(JobQuery query) {
    Map<String, List<JobSnapshot>> all = query("qryxstats", query).json(SNAPSHOTS);
    return all == null ? Map.of() : all;
  }

  /**
   * Waits until the job is done, by the AIS SDK's rules (docs/native-api.md#jobs): the job's kind is
   * looked up
   * from its snapshots; "demand" kinds ({@link #IDLE_KINDS}), which never end on their own, are
   * done once two polls in a row find every target's snapshot idle (or one aborted);
   * {@code blob-download} once any snapshot has ended; every other kind once its cluster-wide
   * status has an end time. Polls at the SDK's interval.
   *
   * @return the last status; for a demand job, one built from its snapshots ({@code is_idle},
   *     {@code aborted}, the first error), without an end time
   * @throws JaisException {@code NOT_FOUND} when no target knows the job, {@code UNAVAILABLE} when
   *     it is not done after {@code timeout}
   */
  public JobStatus await(String id, Duration timeout) {
    return await(id, timeout, null);
  }

  /**
   * As {@link #await(String, Duration)}, reporting every target's snapshots of the job to
   * {@code progress} at each poll (for a progress display); null for none.
   */
  public JobStatus await(String id, Duration timeout, Consumer<List<JobSnapshot>> progress) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration poll = pollInterval(timeout);
    String kind = kindOf(id);
    int idlePolls = 0;
    while (true) {
      JobStatus status;
      if (IDLE_KINDS.contains(kind) || kind.equals(BLOB_DOWNLOAD)) {
        List<JobSnapshot> snapshots = snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
        if (progress != null) {
          progress.accept(snapshots);
        }
        status = fromSnapshots(id, kind, snapshots);
        boolean done;
        if (kind.equals(BLOB_DOWNLOAD)) {
          done = snapshots.stream().anyMatch(JobSnapshot::finished);
        } else {
          idlePolls = snapshots.stream().allMatch(s -> s.idle() || s.aborted() || !s.abortError().isEmpty()) ? idlePolls + 1 : 0;
          done = status.aborted() || idlePolls >= 2;
        }
        if (done) {
          return status;
        }
      } else {
        status = status(id);
        if (progress != null) {
          progress.accept(snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList());
        }
        if (status.finished()) {
          return status;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new JaisException(ErrorCode.UNAVAILABLE, "job " + kind + "[" + id + "] is still running after "
            + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s"));
      }
      sleep(poll);
    }
  }

  /** Demand jobs (AIS "idle" kinds): they stay running and go idle when there is no work. */
  public static final Set<String> IDLE_KINDS = JobKind.all().stream().filter(JobKind::idles).map(JobKind::kind)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final String BLOB_DOWNLOAD = JobKind.BLOB_DOWNLOAD;

  /** The kind of the job with this ID, from the first target snapshot that has it (SDK rule 1). */
  private String kindOf(String id) {
    return snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).map(JobSnapshot::kind)
        .filter(kind -> !kind.isEmpty()).findFirst()
        .orElseThrow(() -> new JaisException(ErrorCode.NOT_FOUND, "job " + id + " not found on any target"));
  }

  /** A job's status as its snapshots tell it: aborted if any is, the first error, idle if all are. */
  private static JobStatus fromSnapshots(String id, String kind, List<JobSnapshot> snapshots) {
    boolean aborted = snapshots.stream().anyMatch(s -> s.aborted() || !s.abortError().isEmpty());
    String error = snapshots.stream().map(s -> s.abortError().isEmpty() ? s.error() : s.abortError())
        .filter(e -> !e.isEmpty()).findFirst().orElse("");
    boolean idle = !snapshots.isEmpty() && snapshots.stream().allMatch(JobSnapshot::idle);
    return new JobStatus(kind, id, error, 0, aborted, idle);
  }

  /** {@code max(min(timeout/8, 1 s), timeout/64, 100 ms)}, as the AIS Python SDK polls. */
  static Duration pollInterval(Duration timeout) {
    long millis = Math.max(Math.max(Math.min(timeout.toMillis() / 8, 1000), timeout.toMillis() / 64), 100);
    return Duration.ofMillis(millis);
  }

  private Reply query(String what, Object body) {
    return transport.send(Call.of("GET", ApiPath.CLUSTER).query(QueryParam.WHAT, what).json(body));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaisException(ErrorCode.UNAVAILABLE, "interrupted while waiting for a job", e);
    }
  }
}
