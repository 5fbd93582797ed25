package io.jais.cli.job;

import io.jais.api.job.JobArgs;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.cli.Confirmation;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais job stop KIND|ID} (also {@code --all}): aborts a job, or every running job of a
 * kind, as {@code ais job stop}. Stopping by kind asks first ({@code Stop all 'lru' jobs?}) unless
 * {@code -y}; each stopped job prints {@code Stopped kind[ID]}. A job that is unknown, already
 * finished or already aborted is "nothing to do" (status 0), as in AIS.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop (abort) a job, all jobs of a kind, or all (--all).")
public final class JobStopCommand implements Runnable {
  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND|ID")
  String selector;

  @Option(names = "--all", description = "stop all running jobs")
  boolean all;

  @Mixin Confirmation confirmation;

  private final Session session;

  JobStopCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JobSelector what = JobSelector.parse(selector);
    if (!what.id().isEmpty()) {
      stopById(what.id());
      return;
    }
    if (what.kind().isEmpty() && !all) {
      throw new IllegalArgumentException("job stop: name a job kind or ID, or pass --all");
    }
    String name = what.kind().isEmpty() ? "" : JobKind.of(what.kind()).displayName();
    if (!name.isEmpty() && !all && !what.kind().equals("rebalance")
        && !confirmation.confirm(session, "Stop all '" + name + "' jobs?")) {
      return;
    }
    List<String> running = session.client().jobs().running(new JobQuery("", what.kind(), "", null, true));
    if (running.isEmpty()) {
      session.out().println("No running" + (name.isEmpty() ? "" : " '" + name + "'") + " jobs, nothing to do");
      return;
    }
    for (String cname : running) {
      int bracket = cname.indexOf('[');
      String kind = bracket < 0 ? cname : cname.substring(0, bracket);
      String id = bracket < 0 ? "" : cname.substring(bracket + 1, cname.length() - 1);
      session.client().jobs().stop(new JobArgs(id, kind, "", null, null));
      session.out().println("Stopped " + cname);
    }
  }

  /** By ID: looked up in every target's snapshots first, as AIS does, so that a demand job (idle, not finished) counts as running. */
  private void stopById(String id) {
    List<JobSnapshot> snapshots = session.client().jobs().snapshots(JobArgs.ofId(id)).values().stream()
        .flatMap(List::stream).toList();
    if (snapshots.isEmpty()) {
      session.err().println("job " + id + " not found, nothing to do");
      return;
    }
    String kind = snapshots.getFirst().kind();
    String cname = JobKind.cname(JobKind.find(kind).map(JobKind::displayName).orElse(kind), id);
    if (snapshots.stream().anyMatch(s -> s.aborted() || !s.abortError().isEmpty())) {
      session.out().println(cname + " is aborted, nothing to do");
    } else if (snapshots.stream().allMatch(JobSnapshot::finished)) {
      session.out().println(cname + " already finished, nothing to do");
    } else {
      session.client().jobs().stop(new JobArgs(id, kind, "", null, null));
      session.out().println("Stopped " + cname);
    }
  }

}
