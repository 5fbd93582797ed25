package io.jais.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DateFormatter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpDateTest {
  /** RFC 9110 §5.6.7 IMF-fixdate, character for character. */
  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}"
          + " \\d{2}:\\d{2}:\\d{2} GMT");

  @Test
  void format_everyHourOfALeapYear_isImfFixdate_agreesWithNetty_andReadsBack() {
    Instant start = LocalDateTime.of(2028, 1, 1, 0, 0, 7).toInstant(ZoneOffset.UTC);
    int checked = 0;
    for (Instant at = start; at.isBefore(start.plus(Duration.ofDays(366))); at = at.plus(Duration.ofMinutes(59))) {
      String text = HttpDate.format(at);
      assertThat(text).as(at.toString()).matches(IMF_FIXDATE).hasSize(HttpDate.LENGTH);
      assertThat(text).isEqualTo(DateFormatter.format(Date.from(at))); // an independent formatter
      assertThat(HttpDate.parse(text)).hasValue(at);
      assertThat(HttpDate.isImfFixdate(text)).isTrue();
      checked++;
    }
    assertThat(checked).isGreaterThan(366 * 24);
  }

  @Test
  void format_theFirstNineDaysOfAMonth_haveTwoDigits() {
    Instant seventh = Instant.parse("2026-12-07T19:01:02Z");
    assertThat(HttpDate.format(seventh)).isEqualTo("Mon, 07 Dec 2026 19:01:02 GMT");
    assertThat(HttpDate.formatEpochNanos(seventh.getEpochSecond() * 1_000_000_000L + 999_999_999L))
        .isEqualTo("Mon, 07 Dec 2026 19:01:02 GMT");
    assertThat(HttpDate.formatEpochNanos(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
  }

  @Test
  void parse_acceptsTheThreeFormsOfRfc9110_andAOneDigitDay() {
    Instant expected = Instant.parse("1994-11-06T08:49:37Z");
    assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")).hasValue(expected);
    assertThat(HttpDate.parse("Sun, 6 Nov 1994 08:49:37 GMT")).hasValue(expected);
    assertThat(HttpDate.parse("6 Nov 1994 08:49:37 GMT")).hasValue(expected);
    assertThat(HttpDate.parse("Sun, 06 Nov 1994 09:49:37 +0100")).hasValue(expected);
    assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")).hasValue(expected);
    assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994")).hasValue(expected);
    assertThat(HttpDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT ")).hasValue(expected);
    assertThat(HttpDate.parse("sun, 06 nov 1994 08:49:37 GMT")).hasValue(expected);
  }

  @Test
  void parse_rfc850TwoDigitYear_moreThanFiftyYearsAhead_isInThePast() {
    int thisYear = ZonedDateTime.now(ZoneOffset.UTC).getYear();
    int near = (thisYear + 10) % 100;
    int far = (thisYear + 60) % 100;
    assertThat(HttpDate.parse(String.format("Monday, 01-Jan-%02d 00:00:00 GMT", near)).orElseThrow()
        .atZone(ZoneOffset.UTC).getYear()).isEqualTo(thisYear + 10);
    assertThat(HttpDate.parse(String.format("Monday, 01-Jan-%02d 00:00:00 GMT", far)).orElseThrow()
        .atZone(ZoneOffset.UTC).getYear()).isEqualTo(thisYear + 60 - 100);
  }

  @Test
  void parse_refusesWhatIsNoHttpDate() {
    for (String bad : new String[] {null, "", "never", "2026-12-07T19:01:02Z", "Mon, 07 Dec 2026",
        "Mon, 31 Feb 2026 19:01:02 GMT", "Mon, 07 Dec 2026 25:01:02 GMT", "Mon, 07 Foo 2026 19:01:02 GMT",
        "Mon, 07 Dec 2026 19:01:02 CET", "1765134062"}) {
      assertThat(HttpDate.parse(bad)).as(bad).isEmpty();
      assertThat(HttpDate.isImfFixdate(bad)).as(bad).isFalse();
    }
    assertThat(HttpDate.isImfFixdate("Mon, 7 Dec 2026 19:01:02 GMT")).isFalse();
    assertThat(HttpDate.isImfFixdate("Sun, 07 Dec 2026 19:01:02 GMT")).as("wrong weekday").isFalse();
  }

  @Test
  void now_isTheCurrentSecond() {
    long before = System.currentTimeMillis() / 1000;
    String now = HttpDate.now().toString();
    long after = System.currentTimeMillis() / 1000;
    assertThat(now).matches(IMF_FIXDATE);
    assertThat(HttpDate.parse(now).orElseThrow().getEpochSecond()).isBetween(before, after);
  }
}
