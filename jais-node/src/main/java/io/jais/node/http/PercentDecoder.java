package io.jais.node.http;

import io.jais.api.error.JaisException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes URL path text exactly once, as UTF-8. Unlike form decoding, {@code +} stays a
 * plus: object names like {@code a+b} must survive (AIS decodes paths with Go's PathUnescape).
 */
final class PercentDecoder {
  private PercentDecoder() {}

  /** Decodes {@code raw[from, to)}; malformed escapes or UTF-8 are the client's fault (400). */
  static String decode(String raw, int from, int to) {
    int firstPercent = raw.indexOf('%', from);
    if (firstPercent < 0 || firstPercent >= to) {
      return raw.substring(from, to); // fast path: nothing escaped
    }
    byte[] bytes = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= to) {
          throw malformed(raw, from, to);
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw malformed(raw, from, to);
        }
        bytes[n++] = (byte) ((hi << 4) | lo);
        i += 2;
      } else {
        // Netty reads the request line byte by byte into chars (ISO-8859-1), so a raw UTF-8
        // byte sent unescaped comes back unchanged here
        bytes[n++] = (byte) c;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, n))
          .toString();
    } catch (CharacterCodingException e) {
      throw JaisException.invalid(
          "invalid URL path: not UTF-8 after percent-decoding: " + raw.substring(from, to));
    }
  }

  private static JaisException malformed(String raw, int from, int to) {
    return JaisException.invalid(
        "invalid URL path: malformed percent-escape in " + raw.substring(from, to));
  }
}
