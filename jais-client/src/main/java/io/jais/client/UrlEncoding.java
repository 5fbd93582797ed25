package io.jais.client;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as the AIS Python SDK does it, so that servers see the same bytes from both
 * clients: object names like {@code urllib.parse.quote(name)} (safe: {@code /}), query values
 * with nothing safe but the unreserved set. Bucket names go into paths unescaped
 * (docs/native-api.md#buckets).
 */
final class UrlEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlEncoding() {}

  /** Python {@code quote(name)}: keeps {@code A-Za-z0-9-._~/}, escapes every other UTF-8 byte. */
  static String quotePath(String name) {
    return quote(name, true);
  }

  /** A query-string value or key: like {@link #quotePath} but {@code /} is escaped too. */
  static String quoteQuery(String value) {
    return quote(value, false);
  }

  private static String quote(String text, boolean keepSlash) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c) || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
