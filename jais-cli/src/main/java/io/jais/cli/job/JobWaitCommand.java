package io.jais.cli.job;

import io.jais.api.job.JobQuery;
import io.jais.cli.Session;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais job wait ID}: blocks until the job is done, by the AIS rules (a demand job such as
 * {@code copy-listrange} is done when idle on every target, others when they end); fails (exit 1)
 * if it failed or was aborted. {@code --progress} shows objects and bytes as they go. Given a
 * kind ({@code jais job wait lru}) it waits for every job of that kind running now, as AIS does.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait for a job, or every running job of a kind, to finish (a demand job, e.g. copy-listrange, until it is idle).")
public final class JobWaitCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "ID|KIND")
  String id;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "give up after this long, e.g. 30s, 5m, 1h (default: wait as long as it takes, as ais)")
  Duration timeout;

  @Option(names = "--progress", negatable = true,
      description = "show objects and bytes done as the job goes (default: when standard error is a terminal)")
  Boolean progress;

  private final Session session;

  JobWaitCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JobSelector what = JobSelector.parse(id);
    if (!what.id().isEmpty()) {
      JobWaiting.await(session, id, timeout, progress);
      return;
    }
    // by kind, as ais: every job of the kind running now, one after the other
    List<String> running = session.client().jobs().running(new JobQuery("", what.kind(), "", null, true));
    if (running.isEmpty()) {
      session.out().println("No running '" + io.jais.api.job.JobKind.of(what.kind()).displayName() + "' jobs, nothing to do");
      return;
    }
    for (String cname : running) {
      int bracket = cname.indexOf('[');
      JobWaiting.await(session, cname.substring(bracket + 1, cname.length() - 1), timeout, progress);
    }
  }
}
