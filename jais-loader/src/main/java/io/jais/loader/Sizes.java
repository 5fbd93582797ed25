package io.jais.loader;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/** Parsing of byte sizes ({@code 16KiB}, {@code 1MB}, {@code 4k}) and durations ({@code 30s}). */
public final class Sizes {
  private Sizes() {}

  /**
   * Parses a byte size: a number with an optional unit. IEC units ({@code KiB MiB GiB TiB}) and
   * the short forms ({@code k K KB M MB G GB T TB}, as aisloader and dd read them) are binary;
   * plain digits or {@code B} are bytes.
   *
   * @throws IllegalArgumentException if the text is not a size
   */
  public static long parseBytes(String text) {
    String s = text.trim();
    int i = 0;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 4096, 16KiB, 1MiB, 10M)");
    }
    double number;
    try {
      number = Double.parseDouble(s.substring(0, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: '" + text + "'", e);
    }
    String unit = s.substring(i).trim().toUpperCase(Locale.ROOT);
    long multiplier = switch (unit) {
      case "", "B" -> 1L;
      case "K", "KB", "KIB" -> 1L << 10;
      case "M", "MB", "MIB" -> 1L << 20;
      case "G", "GB", "GIB" -> 1L << 30;
      case "T", "TB", "TIB" -> 1L << 40;
      default -> throw new IllegalArgumentException("unknown size unit '" + s.substring(i).trim() + "' in '" + text
          + "' (use B, KiB, MiB, GiB, TiB)");
    };
    double bytes = number * multiplier;
    if (bytes > Long.MAX_VALUE || bytes != Math.floor(bytes)) {
      throw new IllegalArgumentException("not a whole number of bytes: '" + text + "'");
    }
    return (long) bytes;
  }

  /** Parses a duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or plain seconds. */
  public static Duration parseDuration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      if (s.endsWith("s")) {
        return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      }
      if (s.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
      }
      if (s.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 500ms, 30s, 2m)", e);
    }
  }

  /** Formats bytes with the largest IEC unit that keeps the number at least 1. */
  public static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.floor(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + units[u];
  }

  /** An object size range, inclusive; {@code min == max} for a fixed size. */
  public record Range(long min, long max) {
    public Range {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("bad size range " + min + ".." + max);
      }
    }

    /** Parses {@code 16KiB} (fixed) or {@code 4KiB-1MiB} / {@code 4KiB..1MiB} (uniform in range). */
    public static Range parse(String text) {
      String s = text.trim();
      int sep = s.indexOf("..");
      int len = 2;
      if (sep < 0) {
        sep = s.indexOf('-');
        len = 1;
      }
      if (sep < 0) {
        long v = parseBytes(s);
        return new Range(v, v);
      }
      return new Range(parseBytes(s.substring(0, sep)), parseBytes(s.substring(sep + len)));
    }

    /** A size drawn uniformly from the range. */
    public long pick(SplittableRandom random) {
      return min == max ? min : random.nextLong(min, max + 1);
    }

    @Override
    public String toString() {
      return min == max ? format(min) : format(min) + "-" + format(max);
    }
  }
}
