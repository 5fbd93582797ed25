package io.jais.cli.render;

import java.time.Duration;

/** Durations the way AIS shows uptimes: {@code 45s}, {@code 17m}, {@code 3h12m}, {@code 2d5h}. */
public final class Durations {
  private Durations() {}

  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + "h" + (minutes % 60) + "m";
    }
    return hours / 24 + "d" + (hours % 24) + "h";
  }

  /** Short elapsed times for transfers: {@code 850ms}, {@code 3.2s}, then as {@link #format}. */
  public static String elapsed(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    return format(duration);
  }
}
