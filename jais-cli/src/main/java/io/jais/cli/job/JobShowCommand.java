package io.jais.cli.job;

import io.jais.api.job.JobSnapshot;
import io.jais.cli.CommandFailedException;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais show job [KIND|ID]} (also {@code jais job show} and {@code jais job ls}, as in AIS):
 * every target's snapshot of the matching jobs ({@code what=qryxstats}), one table per job as
 * {@code ais show job} prints them. Running jobs only unless {@code --all} or an ID is given.
 * {@code --refresh} prints them again every interval until every one has ended (or
 * {@code --count} times).
 */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show jobs per target: running ones (all with --all), or one by ID.")
public class JobShowCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "KIND|ID", description = "a job kind (e.g. lru, cleanup) or a job ID")
  String selector;

  @Option(names = "--all", description = "include finished jobs")
  boolean all;

  @Option(names = {"-j", "--json"}, description = "print JSON (snapshots by target ID)")
  boolean json;

  @Option(names = "--refresh", paramLabel = "DURATION",
      description = "show again every DURATION (e.g. 2s, 1m, or seconds: 2) until the jobs have ended")
  Duration refresh;

  @Option(names = "--count", paramLabel = "N", description = "with --refresh: at most N times")
  int count;

  @Option(names = {"-H", "--no-headers"}, description = "omit the column headers")
  boolean noHeaders;

  private final Session session;

  protected JobShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JobSelector what = JobSelector.parse(selector);
    if (refresh != null && (refresh.isNegative() || refresh.isZero())) {
      throw new CommandFailedException("--refresh " + refresh + ": expecting a positive duration");
    }
    for (int shown = 1; ; shown++) {
      Map<String, List<JobSnapshot>> byTarget = new TreeMap<>(session.client().jobs().snapshots(what.query(all)));
      boolean running = byTarget.values().stream().flatMap(List::stream).anyMatch(s -> !s.finished());
      if (json) {
        Json.print(session.out(), byTarget);
      } else if (byTarget.values().stream().allMatch(List::isEmpty)) {
        session.out().println("No " + (all || !what.id().isEmpty() ? "" : "running ") + what);
      } else {
        JobTables.print(session.out(), JobTables.jobs(byTarget), !noHeaders);
      }
      if (refresh == null || !running || count > 0 && shown >= count) {
        return;
      }
      session.out().println();
      sleep(refresh);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted");
    }
  }

  /** {@code jais show job}: the same view under the AIS {@code show} verb. */
  @Command(name = "job", mixinStandardHelpOptions = true,
      description = "Show jobs per target: running ones (all with --all), or one by ID.")
  public static final class UnderShow extends JobShowCommand {
    UnderShow(Session session) {
      super(session);
    }
  }

  /** {@code jais job ls}: AIS's {@code ais job ls}, the same view. */
  @Command(name = "ls", mixinStandardHelpOptions = true,
      description = "List jobs per target: running ones (all with --all), or one by ID.")
  public static final class AsList extends JobShowCommand {
    AsList(Session session) {
      super(session);
    }
  }
}
