package io.jais.api.config;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.Locale;

/** Sizes as AIS writes them: bytes or IEC/SI strings ({@code "0B"}, {@code "64KiB"}, {@code "1mb"}). */
public final class IecSize {
  private IecSize() {}

  public static long parse(String key, String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, key + ": \"" + text + "\" (expected a size such as 0B, 64KiB, 1GiB)");
    }
    double number = Double.parseDouble(s.substring(0, i));
    long multiplier = switch (s.substring(i).trim()) {
      case "", "b" -> 1L;
      case "k", "kb", "kib" -> 1L << 10;
      case "m", "mb", "mib" -> 1L << 20;
      case "g", "gb", "gib" -> 1L << 30;
      case "t", "tb", "tib" -> 1L << 40;
      default -> throw new JaisException(ErrorCode.INVALID_CONFIG,
          key + ": \"" + text + "\" (expected a size such as 0B, 64KiB, 1GiB)");
    };
    return (long) (number * multiplier);
  }
}
