package io.jais.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as the AIS CLI takes them: Go syntax ({@code 30s}, {@code 1m30s}, {@code 1.5h},
 * {@code 250ms}), a bare integer meaning seconds ({@code --refresh 3}), and, for scripts written
 * for earlier jais versions, ISO-8601 ({@code PT5M}). Registered for every {@link Duration}
 * option in {@link Main}.
 */
public final class GoDuration implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern TERM = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  public static Duration parse(String text) {
    String value = text.strip();
    if (value.matches("[0-9]+")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    if (value.toUpperCase(Locale.ROOT).startsWith("PT") || value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher term = TERM.matcher(value);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < value.length() && term.find(at) && term.start() == at) {
      BigDecimal amount = new BigDecimal(term.group(1));
      long nanosPerUnit = switch (term.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      total = total.plusNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
      at = term.end();
    }
    if (value.isEmpty() || at != value.length()) {
      throw invalid(text);
    }
    return total;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid duration \"" + text + "\" (expected e.g. 30s, 5m, 1h30m, or seconds: 30)");
  }
}
