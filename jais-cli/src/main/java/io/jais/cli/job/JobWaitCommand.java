package io.jais.cli.job;

import io.jais.api.job.JobStatus;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Session;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais job wait ID}: blocks until the job is done, by the AIS rules (a demand job such as
 * {@code copy-listrange} is done when idle on every target, others when they end); fails (exit 1)
 * if it failed or was aborted.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait for a job to finish (a demand job, e.g. copy-listrange, until it is idle).")
public final class JobWaitCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Option(names = "--timeout", defaultValue = "PT5M", description = "give up after this long (ISO-8601, default 5 minutes)")
  Duration timeout;

  private final Session session;

  JobWaitCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JobStatus status = session.client().jobs().await(id, timeout);
    String state = JobListCommand.state(status);
    if (!state.equals("Finished") && !state.equals("Idle")) {
      throw new CommandFailedException("job " + status.kind() + "[" + id + "]: " + state);
    }
    session.out().println("Job " + status.kind() + "[" + id + "] " + (state.equals("Idle") ? "is idle" : "finished"));
  }
}
