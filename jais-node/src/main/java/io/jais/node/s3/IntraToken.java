package io.jais.node.s3;

import io.jais.node.http.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Proves that an S3 request a node receives was issued by a node of this cluster after it verified
 * the client's signature: a proxy forwarding a bucket change to the primary, relaying an object
 * request to its target, fanning out a copy or batch delete, or redirecting a client to a target.
 * Their rewritten requests no longer match the client's Signature V4, and a header naming the caller
 * can be forged by anyone, so they carry {@code <expiry millis>.<HMAC-SHA256>} over method, request
 * target and expiry, keyed by a secret derived from the configured S3 keys (which every node has, and
 * no client sees). Hops send it as the {@value #HEADER} header; redirects append it as the last query
 * parameter {@value #QUERY}, so the client carries it to the target like a presigned URL, valid for
 * that one method and URL only and for {@link #VALIDITY}. Inactive without keys (then nothing is
 * verified anywhere).
 */
final class IntraToken {
  static final String HEADER = "x-jais-s3-token";
  static final String QUERY = "jais-s3-token";
  /** Hops and redirects are followed at once; the margin only absorbs clock differences between nodes. */
  static final Duration VALIDITY = Duration.ofMinutes(2);

  private final byte[] key;

  IntraToken(Map<String, String> keys) {
    this.key = keys.isEmpty() ? null : derive(keys);
  }

  boolean active() {
    return key != null;
  }

  /** The token for {@code method} on {@code uri} (path and query, as sent), valid for {@link #VALIDITY}. */
  String token(String method, String uri) {
    long expires = System.currentTimeMillis() + VALIDITY.toMillis();
    return expires + "." + mac(method, uri, expires);
  }

  /** The token for a request to {@code url}, over its raw path and query. */
  String tokenForUrl(String method, String url) {
    return token(method, requestTarget(URI.create(url)));
  }

  /** {@code url} with the token appended as its last query parameter (redirects). */
  String signUrl(String method, String url) {
    return url + (url.indexOf('?') < 0 ? '?' : '&') + QUERY + '=' + tokenForUrl(method, url);
  }

  /** True when the request carries a valid, unexpired token for itself, in the header or the query. */
  boolean verifies(Request request) {
    return verifies(request.method().name(), request.sentUri(), request.header(HEADER));
  }

  /** @param headerToken the {@value #HEADER} header, or null to look for the token in the query */
  boolean verifies(String method, String sentUri, String headerToken) {
    if (key == null) {
      return false;
    }
    String uri = sentUri;
    String token = headerToken;
    if (token == null) {
      int at = Math.max(uri.lastIndexOf("?" + QUERY + "="), uri.lastIndexOf("&" + QUERY + "="));
      if (at < 0) {
        return false;
      }
      token = uri.substring(at + QUERY.length() + 2);
      uri = uri.substring(0, at);
    }
    return valid(method, uri, token);
  }

  private boolean valid(String method, String uri, String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(token.substring(0, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    long now = System.currentTimeMillis();
    if (now > expires || expires - now > 2 * VALIDITY.toMillis()) {
      return false;
    }
    return SigV4.equal(mac(method, uri, expires), token.substring(dot + 1));
  }

  private String mac(String method, String uri, long expires) {
    return HexFormat.of().formatHex(SigV4.hmac(key, method + "\n" + uri + "\n" + expires));
  }

  static String requestTarget(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** A key no client can compute: the HMAC of every configured secret, in access-key order. */
  private static byte[] derive(Map<String, String> keys) {
    StringBuilder all = new StringBuilder();
    new TreeMap<>(keys).forEach((access, secret) -> all.append(access).append(':').append(secret).append('\n'));
    return SigV4.hmac(("jais-s3-intra\n" + all).getBytes(StandardCharsets.UTF_8), "cluster");
  }
}
