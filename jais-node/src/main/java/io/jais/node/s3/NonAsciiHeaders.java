package io.jais.node.s3;

import io.jais.node.http.Request;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Carries header values with bytes beyond ASCII (UTF-8 user metadata, a Content-Disposition file
 * name) intact from a proxy to a target. Nodes see header bytes as Latin-1 chars, but the JDK HTTP
 * client the proxy relays with writes header values as US-ASCII, turning every other byte into
 * {@code ?}. So the proxy sends such values base64-encoded and names them in {@value #HEADER}; the
 * target decodes them back into the request before any handler reads it.
 *
 * <p>Only a request with verified intra-cluster credentials is decoded, and the proxy never relays
 * a client's own {@value #HEADER}, so a client cannot make a target decode its headers.
 */
final class NonAsciiHeaders {
  static final String HEADER = "x-jais-base64-headers";

  private NonAsciiHeaders() {}

  /** Adds the headers (values as Latin-1 chars) to an intra-cluster request, encoding where needed. */
  static void addAll(HttpRequest.Builder out, List<Map.Entry<String, String>> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      byName.computeIfAbsent(header.getKey(), n -> new ArrayList<>()).add(header.getValue());
    }
    List<String> encoded = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : byName.entrySet()) {
      boolean ascii = header.getValue().stream().allMatch(NonAsciiHeaders::isAscii);
      if (!ascii) {
        encoded.add(header.getKey().toLowerCase(Locale.ROOT));
      }
      for (String value : header.getValue()) {
        out.header(header.getKey(), ascii ? value
            : Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    if (!encoded.isEmpty()) {
      out.header(HEADER, String.join(",", encoded));
    }
  }

  /** On the target: puts the values a proxy encoded back as the bytes the client sent. */
  static void decode(Request request) {
    HttpHeaders headers = request.headers();
    String names = headers.get(HEADER);
    if (names == null) {
      return;
    }
    headers.remove(HEADER);
    for (String name : names.split(",")) {
      List<String> decoded = new ArrayList<>();
      for (String value : headers.getAll(name)) {
        try {
          decoded.add(new String(Base64.getDecoder().decode(value.strip()), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
          throw new S3Exception(S3Error.INVALID_ARGUMENT, "header " + name + " was relayed undecodable: " + value);
        }
      }
      headers.set(name, decoded);
    }
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }
}
