package io.jais.cli.job;

import io.jais.api.job.JobKind;
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

  public static void await(Session session, String id, Duration timeout, Boolean progress) {
    boolean show = progress != null ? progress : session.interactive();
    JobStatus status;
    try (JobProgress line = show ? JobProgress.start(session.err(), "job " + id) : JobProgress.off()) {
      status = session.client().jobs().await(id, timeout, show ? line::update : null);
    }
    String name = JobKind.cname(JobKind.find(status.kind()).map(JobKind::displayName).orElse(status.kind()), id);
    if (status.aborted()) {
      throw new CommandFailedException("job " + name + ": aborted" + (status.error().isEmpty() ? "" : ": " + status.error()));
    }
    if (!status.error().isEmpty()) {
      throw new CommandFailedException("job " + name + ": failed: " + status.error());
    }
    session.out().println("Job " + name + (status.finished() ? " finished" : " is idle"));
  }
}
