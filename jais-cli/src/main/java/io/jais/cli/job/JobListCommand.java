package io.jais.cli.job;

import io.jais.api.job.JobQuery;
import io.jais.api.job.JobStatus;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Table;
import io.jais.cli.render.Timestamps;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais job ls [KIND]}: every job the cluster tracks, one line each ({@code what=status_all}). */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List jobs, running and finished.")
public final class JobListCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "KIND", description = "only jobs of this kind, e.g. lru")
  String kind;

  @Option(names = "--running", description = "only running jobs")
  boolean running;

  @Option(names = "--json", description = "print JSON (AIS nl.Status list)")
  boolean json;

  private final Session session;

  JobListCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    List<JobStatus> jobs = session.client().jobs().list(new JobQuery(kind, "", running));
    if (json) {
      Json.print(session.out(), jobs);
      return;
    }
    if (jobs.isEmpty()) {
      session.out().println("No jobs" + (kind == null ? "" : " of kind " + kind));
      return;
    }
    Table table = Table.of("ID", "KIND", "STATE", "END");
    for (JobStatus job : jobs) {
      table.row(job.id(), job.kind(), state(job),
          job.endTimeNanos() == 0 ? "-" : Timestamps.withSeconds(Instant.ofEpochSecond(0, job.endTimeNanos())));
    }
    table.print(session.out());
  }

  static String state(JobStatus job) {
    if (job.aborted()) {
      return "Aborted";
    }
    if (!job.error().isEmpty()) {
      return "Failed: " + job.error();
    }
    return job.endTimeNanos() != 0 ? "Finished" : job.idle() ? "Idle" : "Running";
  }
}
