package io.jais.cli.job;

import io.jais.api.cluster.Rmd;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jais show rebalance} (AIS {@code ais show rebalance}): every target's part of the latest
 * global rebalance ({@code g<N>}, the highest N), or of every one kept with {@code --all}.
 */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
    description = "Show the latest global rebalance per target (all kept ones with --all).")
public final class ShowRebalanceCommand implements Runnable {
  @Option(names = "--all", description = "every rebalance the targets keep, not only the latest")
  boolean all;

  @Option(names = "--json", description = "print JSON (snapshots by target ID)")
  boolean json;

  private final Session session;

  ShowRebalanceCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    Map<String, List<JobSnapshot>> byTarget = new TreeMap<>(session.client().jobs()
        .snapshots(new JobQuery("", JobKind.REBALANCE, "", null, false)));
    long latest = byTarget.values().stream().flatMap(List::stream).mapToLong(s -> Rmd.versionOf(s.id())).max().orElse(-1);
    if (!all) {
      byTarget.replaceAll((target, snapshots) -> snapshots.stream().filter(s -> Rmd.versionOf(s.id()) == latest).toList());
    }
    if (json) {
      Json.print(session.out(), byTarget);
    } else if (latest < 0) {
      session.out().println("No rebalance has run (or the targets no longer keep it)");
    } else {
      JobTables.print(session.out(), JobTables.jobs(byTarget));
    }
  }
}
