package io.jais.api.config;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go duration strings ({@code "1m"}, {@code "2h"}, {@code "1m30s"}, {@code "500ms"}), as AIS configs use. */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  public static Duration parse(String key, String text) {
    if (text == null || text.isEmpty()) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, key + ": empty duration");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double value = Double.parseDouble(m.group(1));
      nanos += (long) (value * unitNanos(m.group(2)));
      end = m.end();
    }
    if (end != text.length()) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, key + ": \"" + text + "\" (expected a duration such as 10s, 1m30s, 2h)");
    }
    return Duration.ofNanos(nanos);
  }

  static String validate(String key, String text, String defaultValue) {
    String value = text == null || text.isEmpty() ? defaultValue : text;
    parse(key, value);
    return value;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
