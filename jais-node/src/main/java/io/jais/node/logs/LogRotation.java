package io.jais.node.logs;

import java.time.Duration;

/**
 * How a node's log files rotate: a file that grew past {@code maxFileBytes} is renamed to
 * {@code .1} (older ones shift up) and a new one started; at most {@code rotatedFiles} old files
 * are kept per severity. The size is checked at most every {@code checkEvery}.
 */
public record LogRotation(long maxFileBytes, int rotatedFiles, Duration checkEvery) {
  /** 10 MiB files, 5 old ones kept: at most 60 MiB of info log per node. */
  public static final LogRotation DEFAULT = new LogRotation(10L << 20, 5, Duration.ofSeconds(1));

  public LogRotation {
    if (maxFileBytes < 1 || rotatedFiles < 1 || rotatedFiles > 20 || checkEvery.isNegative()) {
      throw new IllegalArgumentException("bad log rotation: " + maxFileBytes + " bytes, " + rotatedFiles
          + " files (1..20), every " + checkEvery);
    }
  }
}
