package io.jais.node.proxy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jais.api.ActMsg;
import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobId;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.job.JobHandler;
import io.jais.node.job.JobStart;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs across the cluster from a proxy: starts one on every active target with one ID, stops
 * them, and answers queries by asking every target in parallel ({@code /v1/internal/jobs}).
 *
 * <p><b>Design notes.</b> The proxy keeps no job state: targets journal their jobs, and every
 * answer is built from what they say now. So any proxy answers for any job, and a proxy restart
 * loses nothing. The cluster-wide status of a job (AIS's "IC" status) is derived from its
 * snapshots: ended when every target that knows it has ended, aborted when any was, the first
 * error. A start that fails on some target is stopped on those where it started, so that a
 * rejected start leaves nothing running. Every call has a timeout: a silent target makes a query
 * fail with 503 naming it, and a status report it in {@code err} (with no end time), never hang.
 */
public final class JobCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(JobCoordinator.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);
  private static final TypeReference<List<JobSnapshot>> SNAPSHOTS = new TypeReference<>() {};
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  private final ClusterState state;
  private final IntraClient intra;

  public JobCoordinator(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  /**
   * Starts a job on every active target under a new ID (the {@code id} of {@code start} is
   * replaced) and returns the ID once every target has it.
   *
   * @throws JaisException the first target's refusal (e.g. 400, 404, 501), after stopping the job
   *     where it started; 503 when there is no target or one does not answer
   */
  public String start(JobStart start) throws InterruptedException {
    String id = JobId.generate();
    java.time.Instant now = java.time.Instant.now();
    JobStart withId = new JobStart(id, start.kind(), start.bucket(), start.buckets(), start.flags(), start.force(),
        start.params(), now.getEpochSecond() * 1_000_000_000L + now.getNano());
    List<Snode> targets = state.smap().activeTargets();
    if (targets.isEmpty()) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "cannot start " + start.kind() + ": the cluster has no active targets");
    }
    ActMsg msg = ActMsg.of(JobHandler.START, WireJson.MAPPER.valueToTree(withId));
    List<TargetFanout.Outcome<Void>> outcomes = TargetFanout.askAll(targets,
        target -> () -> intra.json("PUT", target.url() + ApiPath.TARGET_JOBS, msg, Void.class, START_TIMEOUT));
    Exception refused = null;
    List<Snode> started = new ArrayList<>();
    for (TargetFanout.Outcome<Void> outcome : outcomes) {
      if (outcome.ok()) {
        started.add(outcome.target());
      } else if (refused == null) {
        refused = describe(outcome, "start " + JobKind.cname(start.kind(), id));
      }
    }
    if (refused != null) {
      if (!started.isEmpty()) {
        stopOn(started, JobQuery.ofId(id), "not started on every target: " + refused.getMessage());
      }
      throw refused instanceof JaisException j ? j : new JaisException(ErrorCode.INTERNAL, refused.getMessage(), refused);
    }
    LOG.info("started {} on {} target(s)", JobKind.cname(start.kind(), id), targets.size());
    return id;
  }

  /** Aborts the jobs the query names on every target (ID and/or kind, optional bucket). */
  public void stop(JobQuery query) throws InterruptedException {
    stopOn(state.smap().activeTargets(), query, "");
  }

  private void stopOn(List<Snode> targets, JobQuery query, String reason) throws InterruptedException {
    ActMsg msg = new ActMsg(JobHandler.STOP, reason, WireJson.MAPPER.valueToTree(query));
    for (TargetFanout.Outcome<Void> outcome : TargetFanout.askAll(targets,
        target -> () -> intra.json("PUT", target.url() + ApiPath.TARGET_JOBS, msg, Void.class, QUERY_TIMEOUT))) {
      if (!outcome.ok()) {
        throw asJais(describe(outcome, "stop jobs"));
      }
    }
  }

  /**
   * Every target's snapshots of the jobs the query matches, by target ID (AIS
   * {@code what=qryxstats}). By ID, targets that do not know it are left out, and none knowing it
   * is a 404; otherwise every target is in the answer, with an empty list when nothing matches.
   *
   * @throws JaisException 503 naming a target that did not answer
   */
  public Map<String, List<JobSnapshot>> snapshots(JobQuery query) throws InterruptedException {
    Map<String, List<JobSnapshot>> byTarget = new TreeMap<>();
    for (TargetFanout.Outcome<List<JobSnapshot>> outcome : askSnapshots(query)) {
      if (outcome.ok()) {
        byTarget.put(outcome.target().id(), outcome.value());
      } else if (!notFound(outcome.failure())) {
        throw asJais(describe(outcome, "query jobs"));
      }
    }
    if (!query.id().isEmpty() && byTarget.isEmpty()) {
      throw new JaisException(ErrorCode.NOT_FOUND, "job " + query.id() + " does not exist");
    }
    return byTarget;
  }

  private List<TargetFanout.Outcome<List<JobSnapshot>>> askSnapshots(JobQuery query) throws InterruptedException {
    byte[] body = WireJson.toBytes(query);
    return TargetFanout.askAll(state.smap().activeTargets(), target -> () -> WireJson.MAPPER.readValue(
        intra.bytes("GET", target.url() + ApiPath.TARGET_JOBS + "?" + QueryParam.WHAT + "=qryxstats", body,
            "application/json", QUERY_TIMEOUT), SNAPSHOTS));
  }

  /**
   * The cluster-wide status of one job (AIS {@code what=status}): by ID, or the latest job of a
   * kind. Only kinds with a tracked status have one ({@link JobKind#icStatus()}); for others this
   * is a 404, as in AIS (their snapshots tell their state).
   */
  public JobStatus status(JobQuery query) throws InterruptedException {
    if (query.id().isEmpty()) {
      List<JobStatus> all = statuses(new JobQuery("", query.kind(), "", query.bucket(), false));
      if (all.isEmpty()) {
        throw new JaisException(ErrorCode.NOT_FOUND, "no " + query.kind() + " job exists");
      }
      return all.getLast();
    }
    Collected found = collect(JobQuery.ofId(query.id()));
    List<JobSnapshot> snapshots = found.byJob().get(query.id());
    if (snapshots == null) {
      if (!found.silent().isEmpty()) {
        throw new JaisException(ErrorCode.UNAVAILABLE, String.join("; ", found.silent().values()));
      }
      throw new JaisException(ErrorCode.NOT_FOUND, "job " + query.id() + " does not exist");
    }
    String kind = snapshots.getFirst().kind();
    if (!JobKind.find(kind).map(JobKind::icStatus).orElse(false)) {
      throw new JaisException(ErrorCode.NOT_FOUND, "job " + query.id() + " is a " + kind
          + " job, which has no cluster-wide status: query its snapshots (what=qryxstats)");
    }
    if (!query.kind().isEmpty() && !kind.equals(query.kind())) {
      throw JaisException.invalid("kind mismatch: job " + query.id() + " is " + kind + ", not " + query.kind());
    }
    return aggregate(query.id(), snapshots, found.silent());
  }

  /**
   * The status of every job the query matches, oldest first (AIS {@code what=status_all}):
   * finished ones included unless only running ones are asked for; only kinds with a tracked
   * status.
   */
  public List<JobStatus> statuses(JobQuery query) throws InterruptedException {
    // always ask for finished snapshots too: a job has ended only when it has ended everywhere
    Collected found = collect(new JobQuery(query.id(), query.kind(), "", query.bucket(), false));
    List<JobStatus> statuses = new ArrayList<>();
    Map<String, Instant> started = new LinkedHashMap<>();
    found.byJob().forEach((id, snapshots) -> {
      if (!JobKind.find(snapshots.getFirst().kind()).map(JobKind::icStatus).orElse(false)) {
        return;
      }
      JobStatus status = aggregate(id, snapshots, found.silent());
      if (!query.activeOnly() || !status.finished()) {
        statuses.add(status);
        started.put(id, snapshots.stream().map(s -> JobSnapshot.parseTime(s.startTime()))
            .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(Instant.EPOCH));
      }
    });
    statuses.sort(Comparator.comparing(status -> started.get(status.id())));
    return statuses;
  }

  /** Snapshots by job ID, and the targets that did not answer (with why). */
  private record Collected(Map<String, List<JobSnapshot>> byJob, Map<String, String> silent) {}

  private Collected collect(JobQuery query) throws InterruptedException {
    Map<String, List<JobSnapshot>> byJob = new LinkedHashMap<>();
    Map<String, String> silent = new LinkedHashMap<>();
    for (TargetFanout.Outcome<List<JobSnapshot>> outcome : askSnapshots(query)) {
      if (outcome.ok()) {
        for (JobSnapshot snapshot : outcome.value()) {
          byJob.computeIfAbsent(snapshot.id(), id -> new ArrayList<>()).add(snapshot);
        }
      } else if (!notFound(outcome.failure())) {
        silent.put(outcome.target().id(), describe(outcome, "query jobs").getMessage());
      }
    }
    return new Collected(byJob, silent);
  }

  /**
   * One job's status from its targets' snapshots: ended (with the latest end time) when every one
   * has ended and no target was silent; aborted when any was; the first abort reason or error.
   */
  static JobStatus aggregate(String id, List<JobSnapshot> snapshots, Map<String, String> silent) {
    boolean aborted = snapshots.stream().anyMatch(JobSnapshot::aborted);
    boolean ended = silent.isEmpty() && snapshots.stream().allMatch(JobSnapshot::finished);
    long endNanos = 0;
    if (ended) {
      for (JobSnapshot snapshot : snapshots) {
        Instant end = JobSnapshot.parseTime(snapshot.endTime());
        if (end != null) {
          endNanos = Math.max(endNanos, end.getEpochSecond() * 1_000_000_000L + end.getNano());
        }
      }
      endNanos = Math.max(endNanos, 1); // ended: never 0, which means "running"
    }
    String error = snapshots.stream().map(JobSnapshot::abortError).filter(e -> !e.isEmpty()).findFirst()
        .or(() -> snapshots.stream().map(JobSnapshot::error).filter(e -> !e.isEmpty()).findFirst())
        .orElse(silent.isEmpty() ? "" : String.join("; ", silent.values()));
    boolean idle = snapshots.stream().allMatch(JobSnapshot::idle);
    return new JobStatus(snapshots.getFirst().kind(), id, error, endNanos, aborted, idle);
  }

  /** {@code kind[id]} of every running job the query matches, each once, sorted (AIS {@code what=running_all}). */
  public List<String> running(JobQuery query) throws InterruptedException {
    byte[] body = WireJson.toBytes(query);
    TreeSet<String> names = new TreeSet<>();
    for (TargetFanout.Outcome<List<String>> outcome : TargetFanout.askAll(state.smap().activeTargets(),
        target -> () -> WireJson.MAPPER.readValue(intra.bytes("GET", target.url() + ApiPath.TARGET_JOBS + "?"
            + QueryParam.WHAT + "=running_all", body, "application/json", QUERY_TIMEOUT), NAMES))) {
      if (!outcome.ok()) {
        throw asJais(describe(outcome, "list running jobs"));
      }
      names.addAll(outcome.value());
    }
    return List.copyOf(names);
  }

  private static boolean notFound(Exception failure) {
    return failure instanceof JaisException e && e.code().status() == 404;
  }

  /** A target's failure as the client should see it: its own 4xx/5xx, or 503 naming it when it did not answer. */
  private static Exception describe(TargetFanout.Outcome<?> outcome, String what) {
    Exception failure = outcome.failure();
    if (failure instanceof JaisException) {
      return failure;
    }
    String why = failure instanceof IOException && failure.getMessage() != null ? failure.getMessage() : failure.toString();
    return new JaisException(ErrorCode.UNAVAILABLE, "cannot " + what + ": " + outcome.target().displayName()
        + " did not answer (" + why + ")", failure);
  }

  private static JaisException asJais(Exception e) {
    return e instanceof JaisException j ? j : new JaisException(ErrorCode.INTERNAL, e.getMessage(), e);
  }
}
