package io.jais.cli.object;

import io.jais.cli.Session;
import io.jais.cli.render.Progress;
import picocli.CommandLine.Option;

/** Options shared by put and get: parallelism and the progress bar. */
final class TransferOptions {
  /** Below both thresholds a transfer is quick enough that a bar would only flicker. */
  private static final long LARGE_BYTES = 8L << 20;
  private static final int MANY_FILES = 8;

  @Option(names = {"-j", "--workers", "--num-workers"}, defaultValue = "16",
      description = "parallel transfers for directories (default 16; -1 or 1: one at a time)")
  int workers;

  @Option(names = "--refresh", paramLabel = "DURATION", hidden = true,
      description = "accepted for ais compatibility: jais redraws its progress bar continuously")
  java.time.Duration refresh;

  @Option(names = "--progress", negatable = true,
      description = "show a progress bar (default: when standard error is a terminal and the transfer is large)")
  Boolean progress;

  Progress progress(Session session, String label, long bytes, int files) {
    boolean show = progress != null ? progress : session.interactive() && (bytes >= LARGE_BYTES || files >= MANY_FILES);
    return show ? Progress.start(session.err(), label, bytes, files) : Progress.off();
  }

  int workers() {
    if (workers == -1) {
      return 1; // ais: -1 means serial
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers " + workers + " (expected: >= 1)");
    }
    return workers;
  }
}
