package io.jais.node.proxy;

import io.jais.api.ActMsg;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobId;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.job.JobStart;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The job part of {@code /v1/cluster} on a proxy: {@code PUT} actions {@code start} and
 * {@code stop}, and {@code GET ?what=status|status_all|qryxstats|running_all}. Kinds may be given
 * by wire or display name. Starts and stops run on the primary (a non-primary proxy forwards
 * them, as AIS does); queries are answered by any proxy. Every bad input is a 4xx before any
 * target is asked: a missing or unknown kind, a kind not startable by kind (multi-object and
 * bucket jobs have their own APIs), a bucket job without a bucket, an unknown bucket, a malformed
 * ID.
 */
public final class ProxyJobHandler {
  private final ClusterState state;
  private final BooleanSupplier isPrimary;
  private final PrimaryForwarder forwarder;
  private final JobCoordinator jobs;
  private final java.util.function.Supplier<RebalanceStarter> rebalance;

  /** Starts a global rebalance on the primary; returns its ID ({@code g<N>}). */
  @FunctionalInterface
  public interface RebalanceStarter {
    String start(String reason);
  }

  public ProxyJobHandler(ClusterState state, BooleanSupplier isPrimary, PrimaryForwarder forwarder, JobCoordinator jobs) {
    this(state, isPrimary, forwarder, jobs, () -> null);
  }

  /** @param rebalance the primary's rebalance starter (null on other proxies, and while there is none) */
  public ProxyJobHandler(ClusterState state, BooleanSupplier isPrimary, PrimaryForwarder forwarder, JobCoordinator jobs,
      java.util.function.Supplier<RebalanceStarter> rebalance) {
    this.state = state;
    this.isPrimary = isPrimary;
    this.forwarder = forwarder;
    this.jobs = jobs;
    this.rebalance = rebalance;
  }

  /** {@code start}: the new job's ID as text. */
  public Response start(Request request, byte[] body, ActMsg msg) throws Exception {
    if (!isPrimary.getAsBoolean()) {
      return forwarder.forward(request, body);
    }
    JobArgs args = args(msg);
    if (args.kind().isEmpty()) {
      throw JaisException.invalid("start: missing job kind");
    }
    JobKind kind = kind(args.kind());
    if (!kind.startable()) {
      throw JaisException.invalid("job kind \"" + kind.kind() + "\" cannot be started by kind: it is started by its "
          + "own request (e.g. a bucket or multi-object action)");
    }
    for (Bucket bucket : args.allBuckets()) {
      bucket.validate();
      if (!state.bmd().contains(bucket)) {
        throw JaisException.noSuchBucket(bucket);
      }
    }
    if (kind.kind().equals(JobKind.REBALANCE) && rebalance.get() != null) {
      // not a job like the others: its ID is the next RMD version, and the primary watches it to its end
      return Response.text(rebalance.get().start("requested by a user"));
    }
    if (kind.scope() == JobKind.Scope.BUCKET && args.allBuckets().size() != 1) {
      throw JaisException.invalid("job kind \"" + kind.kind() + "\" works on one bucket: name it (Bck)");
    }
    Object params = kind.kind().equals(JobKind.SCRUB) ? Map.of("prefix", msg.name()) : null;
    JobArgs scoped = kind.bucketScoped() ? args : new JobArgs("", kind.kind(), "", null, null, 0, args.flags(), args.force(), false);
    return Response.text(jobs.start(JobStart.of("", kind.kind(), scoped, params)));
  }

  /** {@code stop}: aborts the jobs named by ID and/or kind (and bucket) on every target. */
  public Response stop(Request request, byte[] body, ActMsg msg) throws Exception {
    if (!isPrimary.getAsBoolean()) {
      return forwarder.forward(request, body);
    }
    JobArgs args = args(msg);
    if (args.id().isEmpty() && args.kind().isEmpty()) {
      throw JaisException.invalid("stop: expecting a job ID and/or kind");
    }
    String kind = args.kind().isEmpty() ? "" : kind(args.kind()).kind();
    checkId(args.id());
    jobs.stop(new JobQuery(args.id(), kind, "", args.bucket(), false));
    return Response.ok();
  }

  /** {@code GET /v1/cluster?what=status|status_all|qryxstats|running_all}. */
  public Response query(Request request, String what) throws Exception {
    JobQuery query = request.bodyJson(JobQuery.class);
    query = query == null ? new JobQuery("", "", false) : query;
    checkId(query.id());
    if (!query.kind().isEmpty()) {
      query = query.withKind(kind(query.kind()).kind());
    }
    return switch (what) {
      case "status" -> {
        if (query.id().isEmpty() && query.kind().isEmpty()) {
          throw JaisException.invalid("what=status: expecting a job ID or kind");
        }
        yield Response.json(jobs.status(query));
      }
      case "status_all" -> Response.json(jobs.statuses(query));
      case "qryxstats" -> Response.json(jobs.snapshots(query));
      case "running_all" -> Response.json(jobs.running(query));
      default -> throw new IllegalArgumentException("not a job query: " + what);
    };
  }

  private static JobArgs args(ActMsg msg) {
    if (!msg.hasValue()) {
      throw JaisException.invalid(msg.action() + ": missing value (the job's ID and/or kind)");
    }
    return io.jais.api.json.WireJson.convert(msg.value(), JobArgs.class);
  }

  private static JobKind kind(String kindOrName) {
    return JobKind.find(kindOrName).orElseThrow(() -> JaisException.invalid("invalid job kind \"" + kindOrName + "\""));
  }

  private static void checkId(String id) {
    if (!id.isEmpty() && !JobId.isValid(id)) {
      throw JaisException.invalid("invalid job ID \"" + id + "\"");
    }
  }
}
