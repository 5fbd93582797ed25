package io.jais.cli.render;

import io.jais.api.job.JobSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A one-line job progress report redrawn in place on standard error ({@code \r}, no terminal
 * library, as {@link Progress}): objects and bytes done over every target, how many targets are
 * done, the elapsed time. Jobs do not know their total in advance (a prefix is listed as they
 * go), so this is a counter, not a bar. Updated by the caller at each poll; a disabled one
 * ({@link #off()}) draws nothing.
 */
public final class JobProgress implements AutoCloseable {
  private final PrintWriter err;
  private final String label;
  private final long startNanos = System.nanoTime();
  private boolean drawn;

  private JobProgress(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  public static JobProgress start(PrintWriter err, String label) {
    return new JobProgress(err, label);
  }

  public static JobProgress off() {
    return new JobProgress(null, "");
  }

  /** Redraws the line from the targets' latest snapshots of the job. */
  public synchronized void update(List<JobSnapshot> snapshots) {
    if (err == null) {
      return;
    }
    long objects = snapshots.stream().mapToLong(s -> s.stat(JobSnapshot.STAT_OBJECTS)).sum();
    long bytes = snapshots.stream().mapToLong(s -> s.stat(JobSnapshot.STAT_BYTES)).sum();
    long errors = snapshots.stream().mapToLong(s -> s.stat("errors")).sum();
    long done = snapshots.stream().filter(s -> s.finished() || s.idle()).count();
    String line = String.format(Locale.ROOT, "%s  %d objects  %s  %d/%d targets done%s  %s", label, objects,
        Sizes.format(bytes), done, snapshots.size(), errors == 0 ? "" : "  " + errors + " errors",
        Durations.elapsed(Duration.ofNanos(System.nanoTime() - startNanos)));
    err.print("\r" + line + "\u001b[K"); // erase what a longer previous line left
    err.flush();
    drawn = true;
  }

  @Override
  public synchronized void close() {
    if (err != null && drawn) {
      err.println();
      err.flush();
    }
  }
}
