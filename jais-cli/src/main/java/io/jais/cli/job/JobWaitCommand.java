package io.jais.cli.job;

import io.jais.api.job.JobStatus;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Session;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais job wait ID}: blocks until the job ends; fails (exit 1) if it failed or was aborted. */
@Command(name = "wait", mixinStandardHelpOptions = true, description = "Wait for a job to finish.")
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
    if (!state.equals("Finished")) {
      throw new CommandFailedException("job " + id + ": " + state);
    }
    session.out().println("Job " + status.kind() + "[" + id + "] finished");
  }
}
