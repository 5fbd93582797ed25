package io.jais.node.storage;

import java.util.Locale;
import java.util.Objects;

/**
 * A checksum: its type and its value as lowercase hex ({@code Ais-Checksum-Value}). The value is
 * empty exactly when the type is {@link ChecksumType#NONE}.
 */
public record Checksum(ChecksumType type, String value) {
  public static final Checksum NONE = new Checksum(ChecksumType.NONE, "");

  public Checksum {
    Objects.requireNonNull(type, "type");
    value = type == ChecksumType.NONE || value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  /** Parses header values; a null or empty type or value gives {@link #NONE}. */
  public static Checksum of(String type, String value) {
    ChecksumType parsed = ChecksumType.parse(type);
    return parsed == ChecksumType.NONE || value == null || value.isEmpty() ? NONE : new Checksum(parsed, value);
  }

  public boolean isNone() {
    return type == ChecksumType.NONE;
  }

  /** True when both have values of compatible types that are equal. */
  public boolean matches(Checksum other) {
    return !isNone() && type.sameValueAs(other.type) && value.equals(other.value);
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
