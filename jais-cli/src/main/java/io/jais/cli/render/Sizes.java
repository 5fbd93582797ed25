package io.jais.cli.render;

import java.util.Locale;

/** Byte counts in IEC units with two decimals, as AIS prints them: {@code 36B}, {@code 16.00KiB}. */
public final class Sizes {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.2f%s", value, UNITS[unit]);
  }
}
