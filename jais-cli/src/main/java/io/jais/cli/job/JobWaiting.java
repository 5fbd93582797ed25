package io.jais.cli.job;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Session;
import io.jais.cli.render.JobProgress;
import java.time.Duration;

/**
 * Waiting for one job, as {@code job wait} and {@code job start --wait} do: the SDK's rules
 * ({@code JobApi.await}), an optional progress line, and the outcome in words: exit 0 when it
 * finished (or, for a demand job, went idle), 1 when it failed or was aborted.
 */
public final class JobWaiting {
  private JobWaiting() {}

  /** Without a timeout the wait is unbounded, in rounds this long (the SDK polls at most once a second in them). */
  private static final Duration ROUND = Duration.ofMinutes(1);

  /**
   * Waits for the job as {@code ais job wait} does: {@code Waiting for kind[ID] ...}, then
   * {@code Done.}; {@code timeout} null waits as long as it takes (the AIS CLI's default).
   */
  public static void await(Session session, String id, Duration timeout, Boolean progress) {
    String kind = session.client().jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(java.util.List::stream)
        .map(JobSnapshot::kind).filter(k -> !k.isEmpty()).findFirst().orElse("");
    String name = kind.isEmpty() ? "job " + id
        : JobKind.cname(JobKind.find(kind).map(JobKind::displayName).orElse(kind), id);
    session.out().println("Waiting for " + name + " ...");
    waitFor(session, id, timeout, progress);
    session.out().println("Done.");
  }

  /** Waits for the job; fails (exit 1) if it was aborted or failed. For commands that start jobs. */
  public static JobStatus waitFor(Session session, String id, Duration timeout, Boolean progress) {
    boolean show = progress != null ? progress : session.interactive();
    JobStatus status;
    try (JobProgress line = show ? JobProgress.start(session.err(), "job " + id) : JobProgress.off()) {
      status = timeout != null ? session.client().jobs().await(id, timeout, show ? line::update : null)
          : awaitUnbounded(session, id, show ? line::update : null);
    }
    String name = JobKind.cname(JobKind.find(status.kind()).map(JobKind::displayName).orElse(status.kind()), id);
    if (status.aborted()) {
      throw new CommandFailedException("job " + name + ": aborted" + (status.error().isEmpty() ? "" : ": " + status.error()));
    }
    if (!status.error().isEmpty()) {
      throw new CommandFailedException("job " + name + ": failed: " + status.error());
    }
    return status;
  }

  /**
   * Rounds of bounded waits: the SDK's wait needs a deadline (and polls less often the longer it
   * is), and ends a round that runs out with {@code UNAVAILABLE} "still running"; any other
   * failure (the job is gone, the cluster is unreachable) ends the wait.
   */
  private static JobStatus awaitUnbounded(Session session, String id,
      java.util.function.Consumer<java.util.List<io.jais.api.job.JobSnapshot>> progress) {
    while (true) {
      try {
        return session.client().jobs().await(id, ROUND, progress);
      } catch (JaisException e) {
        if (e.code() != ErrorCode.UNAVAILABLE || e.getMessage() == null || !e.getMessage().contains("is still running")) {
          throw e;
        }
      }
    }
  }
}
