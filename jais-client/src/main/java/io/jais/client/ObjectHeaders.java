package io.jais.client;

import io.jais.api.Header;
import io.jais.api.object.ObjectAttrs;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@link ObjectAttrs} from response headers (docs/native-api.md#objects). {@code Ais-Custom-Md} arrives
 * either as repeated {@code k=v} headers or joined into one with {@code ", "}; both are accepted.
 * The name is the one the caller asked for: {@code Ais-Name} may carry raw UTF-8, which HTTP
 * header decoding would garble.
 */
final class ObjectHeaders {
  private ObjectHeaders() {}

  /** Attributes of a HEAD reply: the size is its {@code Content-Length}. */
  static ObjectAttrs parse(String name, HttpHeaders headers) {
    return parse(name, headers.firstValueAsLong("Content-Length").orElse(0), headers);
  }

  /** Attributes with a size known otherwise (PUT: bytes sent; ranged GET: whole object). */
  static ObjectAttrs parse(String name, long size, HttpHeaders headers) {
    return new ObjectAttrs(
        name,
        size,
        headers.firstValue(Header.CHECKSUM_TYPE).orElse(""),
        headers.firstValue(Header.CHECKSUM_VALUE).orElse(""),
        parseLong(headers.firstValue(Header.ATIME).orElse("")),
        headers.firstValue(Header.VERSION).orElse(""),
        custom(headers),
        !"false".equalsIgnoreCase(headers.firstValue(Header.PRESENT).orElse("true")),
        headers.firstValue(Header.LOCATION).orElse(""));
  }

  static Map<String, String> custom(HttpHeaders headers) {
    Map<String, String> custom = new LinkedHashMap<>();
    for (String value : headers.allValues(Header.CUSTOM_MD)) {
      for (String pair : value.split(", ")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          custom.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
      }
    }
    return custom;
  }

  private static long parseLong(String value) {
    try {
      return value.isEmpty() ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
