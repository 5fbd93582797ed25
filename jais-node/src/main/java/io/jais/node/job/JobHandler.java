package io.jais.node.job;

import io.jais.api.ActMsg;
import io.jais.api.QueryParam;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobQuery;
import io.jais.api.json.WireJson;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.Map;

/**
 * A target's internal job routes ({@code /v1/internal/jobs}), called by proxies only:
 * <ul>
 *   <li>{@code PUT} with {@code {"action":"start","value":<JobStart>}}: starts the job, answers its
 *       first snapshot; {@code {"action":"stop","name":<reason>,"value":<JobQuery>}}: aborts the
 *       matching running jobs, answers {@code {"stopped":n}}.</li>
 *   <li>{@code GET ?what=qryxstats} with a {@link JobQuery}: the matching snapshots (404 for an
 *       unknown ID); {@code ?what=running_all}: {@code kind[id]} of the running ones.</li>
 * </ul>
 * Kinds in requests are wire names or display names.
 */
public final class JobHandler {
  public static final String START = "start";
  public static final String STOP = "stop";

  private final Jobs jobs;

  public JobHandler(Jobs jobs) {
    this.jobs = jobs;
  }

  /** {@code PUT /v1/internal/jobs}: start or stop. */
  public Response act(Request request) throws Exception {
    ActMsg msg = request.bodyJson(ActMsg.class);
    if (msg == null) {
      throw JaisException.invalid("missing job action message");
    }
    if (!msg.hasValue()) {
      throw JaisException.invalid(msg.action() + ": missing value");
    }
    return switch (msg.action()) {
      case START -> Response.json(jobs.start(WireJson.convert(msg.value(), JobStart.class)));
      case STOP -> {
        JobQuery query = WireJson.convert(msg.value(), JobQuery.class);
        int stopped = jobs.stop(filter(query), msg.name().isEmpty() ? Jobs.USER_ABORT : msg.name());
        yield Response.json(Map.of("stopped", stopped));
      }
      default -> throw JaisException.invalid("invalid job action \"" + msg.action() + "\" (expected: start or stop)");
    };
  }

  /** {@code GET /v1/internal/jobs?what=qryxstats|running_all}. */
  public Response query(Request request) throws Exception {
    JobQuery query = request.bodyJson(JobQuery.class);
    query = query == null ? new JobQuery("", "", false) : query;
    String what = request.query(QueryParam.WHAT, "");
    return switch (what) {
      case "qryxstats" -> Response.json(jobs.snapshots(filter(query)));
      case "running_all" -> Response.json(jobs.running(filter(query).kind()));
      default -> throw JaisException.invalid("invalid what=\"" + what + "\" (expected: qryxstats or running_all)");
    };
  }

  /** The filter of a query, with the kind as its wire name (400 for an unknown one). */
  static JobFilter filter(JobQuery query) {
    String kind = query.kind().isEmpty() ? "" : JobKinds.resolve(query.kind()).kind();
    return new JobFilter(query.id(), kind, query.bucket(), query.activeOnly());
  }
}
