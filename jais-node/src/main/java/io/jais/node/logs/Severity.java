package io.jais.node.logs;

import ch.qos.logback.classic.Level;
import io.jais.api.error.JaisException;
import java.util.Locale;

/**
 * The severities a node keeps a log file of, as AIS's {@code severity} query parameter names them:
 * each file holds every event at its level and above, so {@code info} is the whole log.
 */
public enum Severity {
  INFO(Level.INFO),
  WARNING(Level.WARN),
  ERROR(Level.ERROR);

  private final Level threshold;

  Severity(Level threshold) {
    this.threshold = threshold;
  }

  Level threshold() {
    return threshold;
  }

  /** The current file's name: {@code jais.INFO}; rotated ones add {@code .1}, {@code .2}, ... */
  public String fileName() {
    return "jais." + name();
  }

  /**
   * The severity a query asks for, by its first letter as AIS reads it ({@code i}, {@code w},
   * {@code e}, any case); empty or null is {@link #INFO}.
   *
   * @throws JaisException 400 for any other value
   */
  public static Severity parse(String value) {
    if (value == null || value.isEmpty()) {
      return INFO;
    }
    return switch (Character.toLowerCase(value.charAt(0))) {
      case 'i' -> INFO;
      case 'w' -> WARNING;
      case 'e' -> ERROR;
      default -> throw JaisException.invalid("unknown log severity \"" + value
          + "\" (expected: " + String.join(", ", names()) + ")");
    };
  }

  private static String[] names() {
    Severity[] all = values();
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[i].name().toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
