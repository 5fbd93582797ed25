package io.jais.node.http;

import io.netty.util.AsciiString;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way nodes write and read HTTP dates ({@code Date}, {@code Last-Modified}, an
 * {@code Expires} kept with an object, conditional headers).
 *
 * <p>Sent dates are RFC 9110 §5.6.7 IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}: always 29
 * characters, the day of the month with two digits. Java's {@code RFC_1123_DATE_TIME} prints a
 * one-digit day ({@code Sun, 6 Nov 1994}) on the 1st to the 9th of every month, which Go's
 * {@code http.ParseTime} (AIS's tools) and other strict parsers refuse; do not use it to write.
 *
 * <p>Received dates are read as RFC 9110 asks of recipients: IMF-fixdate (a one-digit day and any
 * zone offset tolerated), the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}, a
 * two-digit year more than 50 years ahead meaning the century before) and C's asctime
 * ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <p>Implementation notes: {@link #now()} is on every response's path, event loops included, so it
 * keeps the formatted current second and formats again only when the second changes (a racing
 * thread may format the same second twice; both results are equal).
 */
public final class HttpDate {
  /** The length of every IMF-fixdate. */
  public static final int LENGTH = 29;

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final Pattern IMF = Pattern.compile(
      "(?:[A-Za-z]{3}, )?(\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (GMT|UTC|UT|[+-]\\d{4})");
  private static final Pattern RFC_850 = Pattern.compile(
      "[A-Za-z]{6,9}, (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
  private static final Pattern ASCTIME = Pattern.compile(
      "[A-Za-z]{3} ([A-Za-z]{3}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private static volatile Second current = new Second(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

  private record Second(long epochSecond, AsciiString text) {}

  private HttpDate() {}

  /** {@code instant} as IMF-fixdate, truncated to the second. */
  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /** Unix nanoseconds as IMF-fixdate, truncated to the second. */
  public static String formatEpochNanos(long epochNanos) {
    return format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)));
  }

  /** The current time as IMF-fixdate, for the {@code Date} header of a response. */
  public static AsciiString now() {
    long second = Math.floorDiv(System.currentTimeMillis(), 1000L);
    Second cached = current;
    if (cached.epochSecond() != second) {
      cached = new Second(second, new AsciiString(format(Instant.ofEpochSecond(second))));
      current = cached;
    }
    return cached.text();
  }

  /**
   * An HTTP date in any of the three forms RFC 9110 defines; empty when it is none of them or names
   * no real time (a 31 February, a 25th hour). The day of the week is checked for its form only,
   * as Go does.
   */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.strip();
    try {
      Matcher m = IMF.matcher(value);
      if (m.matches()) {
        LocalDateTime time = time(m.group(3), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
        String zone = m.group(7);
        ZoneOffset offset = zone.startsWith("+") || zone.startsWith("-")
            ? ZoneOffset.ofHoursMinutes(Integer.parseInt(zone.substring(0, 3)),
                Integer.parseInt(zone.charAt(0) + zone.substring(3)))
            : ZoneOffset.UTC;
        return Optional.of(time.toInstant(offset));
      }
      m = RFC_850.matcher(value);
      if (m.matches()) {
        String year = Integer.toString(rfc850Year(Integer.parseInt(m.group(3))));
        return Optional.of(time(year, m.group(2), m.group(1), m.group(4), m.group(5), m.group(6))
            .toInstant(ZoneOffset.UTC));
      }
      m = ASCTIME.matcher(value);
      if (m.matches()) {
        return Optional.of(time(m.group(6), m.group(1), m.group(2).strip(), m.group(3), m.group(4), m.group(5))
            .toInstant(ZoneOffset.UTC));
      }
    } catch (DateTimeException e) {
      // a well-formed but impossible date
    }
    return Optional.empty();
  }

  private static LocalDateTime time(String year, String month, String day, String hour, String minute,
      String second) {
    int monthNumber = MONTHS.indexOf(month.toLowerCase(Locale.ROOT)) + 1;
    if (monthNumber == 0) {
      throw new DateTimeException("no month " + month);
    }
    return LocalDateTime.of(Integer.parseInt(year), monthNumber, Integer.parseInt(day), Integer.parseInt(hour),
        Integer.parseInt(minute), Integer.parseInt(second));
  }

  /** True when {@code text} is exactly an IMF-fixdate as this class writes it. */
  public static boolean isImfFixdate(String text) {
    return text != null && text.length() == LENGTH && parse(text).map(HttpDate::format).filter(text::equals).isPresent();
  }

  /** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the latest such year in the past. */
  private static int rfc850Year(int twoDigits) {
    int thisYear = ZonedDateTime.now(ZoneOffset.UTC).getYear();
    int year = thisYear - Math.floorMod(thisYear, 100) + twoDigits;
    return year > thisYear + 50 ? year - 100 : year;
  }
}
