package io.jais.cli.job;

import io.jais.api.job.JobSnapshot;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import io.jais.cli.render.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais job show [KIND|ID]} (also {@code jais show job}): each target's snapshot of the
 * matching jobs ({@code what=qryxstats}), in the AIS CLI's columns.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show jobs in detail, per target.")
public class JobShowCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "KIND|ID", description = "a job kind (e.g. lru) or a job ID")
  String selector;

  @Option(names = "--json", description = "print JSON (snapshots by target ID)")
  boolean json;

  private final Session session;

  protected JobShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JobSelector what = JobSelector.parse(selector);
    Map<String, List<JobSnapshot>> byTarget = new TreeMap<>(session.client().jobs().snapshots(what.args()));
    if (json) {
      Json.print(session.out(), byTarget);
      return;
    }
    Table table = Table.of("NODE", "ID", "KIND", "BUCKET", "OBJECTS", "BYTES", "START", "END", "STATE");
    byTarget.forEach((node, snapshots) -> snapshots.forEach(s -> table.row(node, s.id(), s.kind(),
        s.bucket().isEmpty() ? "-" : s.bucket().toBucket().uri(), s.stats().getOrDefault("loc-objs", "-"),
        bytes(s.stats().get("loc-bytes")), Timestamps.withSeconds(s.startTime()), s.finished() && !s.aborted() ? Timestamps.withSeconds(s.endTime()) : "-",
        state(s))));
    if (table.isEmpty()) {
      session.out().println("No " + what);
      return;
    }
    table.print(session.out());
  }

  private static String bytes(String count) {
    try {
      return count == null ? "-" : Sizes.format(Long.parseLong(count));
    } catch (NumberFormatException e) {
      return count;
    }
  }

  private static String state(JobSnapshot snapshot) {
    if (snapshot.aborted() || !snapshot.abortError().isEmpty()) {
      return "Aborted";
    }
    if (!snapshot.error().isEmpty()) {
      return "Failed";
    }
    return snapshot.finished() ? "Finished" : snapshot.idle() ? "Idle" : "Running";
  }

  /** {@code jais show job}: the same view under the AIS {@code show} verb. */
  @Command(name = "job", mixinStandardHelpOptions = true, description = "Show jobs in detail, per target.")
  public static final class UnderShow extends JobShowCommand {
    UnderShow(Session session) {
      super(session);
    }
  }
}
