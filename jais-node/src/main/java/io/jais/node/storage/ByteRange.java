package io.jais.node.storage;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.Optional;

/**
 * One satisfiable byte range of an object, from an HTTP {@code Range} header (RFC 7233). Only
 * single ranges are served, as AIS does.
 */
public record ByteRange(long offset, long length) {

  /**
   * Parses {@code bytes=L-R}, {@code bytes=L-} or {@code bytes=-N} against the object size.
   *
   * @return empty when the whole object should be sent: no header, or a header with malformed
   *     syntax (RFC 7233 §3.1: ignore it)
   * @throws JaisException RANGE_NOT_SATISFIABLE for several ranges or a range outside the object;
   *     the HTTP layer adds {@code Content-Range: bytes *}{@code /SIZE}
   */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
      return Optional.empty();
    }
    String spec = value.substring(6).strip();
    if (spec.indexOf(',') >= 0) {
      throw unsatisfiable(header, size, "multiple ranges are not supported");
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    long first = parseNumber(spec.substring(0, dash).strip());
    long last = parseNumber(spec.substring(dash + 1).strip());
    if (dash == 0) {
      return last < 0 ? Optional.empty() : Optional.of(suffix(header, last, size));
    }
    if (first < 0 || (dash + 1 < spec.length() && last < 0) || (last >= 0 && last < first)) {
      return Optional.empty();
    }
    if (first >= size) {
      throw unsatisfiable(header, size, "starts at or after the end");
    }
    long end = last < 0 || last >= size ? size - 1 : last;
    return Optional.of(new ByteRange(first, end - first + 1));
  }

  private static ByteRange suffix(String header, long suffixLength, long size) {
    if (suffixLength == 0 || size == 0) {
      throw unsatisfiable(header, size, "empty suffix range");
    }
    long length = Math.min(suffixLength, size);
    return new ByteRange(size - length, length);
  }

  /** Non-negative decimal; -1 for empty or malformed; huge values saturate. */
  private static long parseNumber(String digits) {
    if (digits.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
    }
    return value;
  }

  private static JaisException unsatisfiable(String header, long size, String reason) {
    return new JaisException(ErrorCode.RANGE_NOT_SATISFIABLE,
        "range \"" + header + "\" not satisfiable for size " + size + ": " + reason)
        .withHeader("Content-Range", "bytes */" + size);
  }

  /** The last byte's offset. */
  public long last() {
    return offset + length - 1;
  }

  /** The {@code Content-Range} value of a 206: {@code bytes L-R/SIZE}. */
  public String contentRange(long size) {
    return "bytes " + offset + "-" + last() + "/" + size;
  }
}
