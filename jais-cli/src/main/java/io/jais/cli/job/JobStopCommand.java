package io.jais.cli.job;

import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais job stop KIND|ID}: aborts a job, or every running job of a kind. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop (abort) a job, or all jobs of a kind.")
public final class JobStopCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "KIND|ID")
  String selector;

  private final Session session;

  JobStopCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JobSelector what = JobSelector.parse(selector);
    session.client().jobs().stop(what.args());
    session.out().println("Stopped " + what);
  }
}
