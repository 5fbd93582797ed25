package io.jais.cli.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Points in time the way AIS lists them (Go's RFC 822, {@code 26 Nov 26 08:48 UTC}): the format
 * of the {@code atime} column of {@code ls}, which the cluster sends already formatted; with
 * seconds for job start and end times.
 */
public final class Timestamps {
  private static final DateTimeFormatter RFC822 =
      DateTimeFormatter.ofPattern("dd MMM yy HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter WITH_SECONDS =
      DateTimeFormatter.ofPattern("dd MMM yy HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return RFC822.format(instant);
  }

  public static String withSeconds(Instant instant) {
    return WITH_SECONDS.format(instant);
  }

  /** An RFC 3339 time as AIS job snapshots carry it, with seconds; the text as is when it is not one. */
  public static String withSeconds(String rfc3339) {
    try {
      return withSeconds(Instant.parse(rfc3339));
    } catch (DateTimeParseException e) {
      return rfc3339;
    }
  }
}
