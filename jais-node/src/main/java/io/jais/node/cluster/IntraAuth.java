package io.jais.node.cluster;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nodes trusting nodes: proves, with the {@link ClusterSecret}, that an intra-cluster request was
 * sent by a node of this cluster, and that a client was redirected by one of its proxies.
 *
 * <p>Two forms, both HMAC-SHA256 under a key derived from the secret:
 * <ul>
 *   <li><b>Request header</b> {@value #HEADER}{@code : v1:<node ID>:<unix ms>:<mac>}, the MAC over
 *       the sender's ID, the time, the method and the request target (path and query as sent).
 *       Every request a node sends another ({@link IntraClient}) carries one; the receiver learns
 *       who sent it ({@link #verify}). Accepted within {@link #VALIDITY} of the receiver's clock
 *       either way (clock skew).
 *   <li><b>Signed redirect</b>: a proxy appends {@value #QUERY}{@code =<expiry ms>.<mac>} as the
 *       last query parameter of a redirect's {@code Location}, the MAC over method, the URL's path
 *       and query before it, and the expiry. The client carries it to the target like a presigned
 *       URL: valid for that method and URL only, until the expiry.
 * </ul>
 *
 * <p>Implementation notes. The body is not covered: control bodies are small JSON documents whose
 * effect is bounded by the receiver's own rules (metasync takes only newer versions from the
 * primary; join and keepalive are idempotent), and object bodies are checksummed. A captured
 * request can be replayed within its validity by whoever can read the traffic; TLS on the intra
 * networks is the answer to that, not a nonce store. A {@link Mac} is cloned from a prototype per
 * use (virtual threads make thread-locals a per-request cost).
 */
public final class IntraAuth {
  /** The request header of intra-cluster requests. */
  public static final String HEADER = io.jais.api.Header.INTRA_AUTH;
  /** The query parameter of signed redirects (always the last one). */
  public static final String QUERY = "jais-sig";
  /** How far a request's time may be from the receiver's clock; a redirect's lifetime. */
  public static final Duration VALIDITY = Duration.ofMinutes(2);

  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String selfId;
  private final byte[] key;
  private final Mac prototype;
  private final InstantSource clock;
  private final Liveness liveness;

  /**
   * @param liveness told of every node a request verifies as; null when nobody listens
   */
  public IntraAuth(String selfId, ClusterSecret secret, InstantSource clock, Liveness liveness) {
    this.selfId = selfId;
    this.clock = clock;
    this.liveness = liveness;
    this.key = derive(secret.key());
    this.prototype = newMac(key);
  }

  /** The {@value #HEADER} value for a request this node sends. */
  public String header(String method, String requestTarget) {
    long now = clock.millis();
    return VERSION + ':' + selfId + ':' + now + ':' + mac("intra", selfId, Long.toString(now), method, requestTarget);
  }

  /** The {@value #HEADER} value for a request to {@code url}. */
  public String headerForUrl(String method, URI url) {
    return header(method, requestTarget(url));
  }

  /**
   * Checks a request's {@value #HEADER}: returns the ID of the node that sent it.
   *
   * @throws JaisException UNAUTHORIZED when there is none; FORBIDDEN when it is malformed, expired
   *     or not made with this cluster's secret
   */
  public String verify(String method, String requestTarget, String header) {
    if (header == null || header.isEmpty()) {
      throw new JaisException(ErrorCode.UNAUTHORIZED, method + " " + pathOf(requestTarget)
          + ": intra-cluster request without credentials (" + HEADER + ")");
    }
    int last = header.lastIndexOf(':');
    int time = last <= 0 ? -1 : header.lastIndexOf(':', last - 1);
    if (!header.startsWith(VERSION + ":") || time <= VERSION.length()) {
      throw forbidden(method, requestTarget, "malformed " + HEADER);
    }
    String node = header.substring(VERSION.length() + 1, time);
    String millis = header.substring(time + 1, last);
    long sent;
    try {
      sent = Long.parseLong(millis);
    } catch (NumberFormatException e) {
      throw forbidden(method, requestTarget, "malformed " + HEADER);
    }
    if (Math.abs(clock.millis() - sent) > VALIDITY.toMillis()) {
      throw forbidden(method, requestTarget, "expired or future credentials of " + node
          + " (clocks of the nodes more than " + VALIDITY.toSeconds() + " s apart?)");
    }
    if (!equal(mac("intra", node, millis, method, requestTarget), header.substring(last + 1))) {
      throw forbidden(method, requestTarget, "credentials of \"" + node + "\" not made with this cluster's secret");
    }
    if (liveness != null) {
      liveness.heard(node);
    }
    return node;
  }

  /** {@code url} with a signature for {@code method} appended as its last query parameter. */
  public String signRedirect(String method, String url) {
    String expiry = Long.toString(clock.millis() + VALIDITY.toMillis());
    String target = requestTarget(URI.create(url));
    return url + (url.indexOf('?') < 0 ? '?' : '&') + QUERY + '=' + expiry + '.'
        + mac("redirect", expiry, method, target);
  }

  /** True when {@code sentUri} ends with a valid, unexpired {@value #QUERY} for {@code method}. */
  public boolean verifiesRedirect(String method, String sentUri) {
    int at = Math.max(sentUri.lastIndexOf("?" + QUERY + "="), sentUri.lastIndexOf("&" + QUERY + "="));
    if (at < 0) {
      return false;
    }
    String token = sentUri.substring(at + QUERY.length() + 2);
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    String expiry = token.substring(0, dot);
    long expires;
    try {
      expires = Long.parseLong(expiry);
    } catch (NumberFormatException e) {
      return false;
    }
    long now = clock.millis();
    if (now > expires || expires - now > 2 * VALIDITY.toMillis()) {
      return false;
    }
    return equal(mac("redirect", expiry, method, sentUri.substring(0, at)), token.substring(dot + 1));
  }

  /** The path and query of a URL, as its receiver sees them. */
  public static String requestTarget(URI uri) {
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private String mac(String... fields) {
    Mac mac = copy();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        mac.update((byte) '\n');
      }
      mac.update(fields[i].getBytes(StandardCharsets.UTF_8));
    }
    return B64.encodeToString(mac.doFinal());
  }

  private Mac copy() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return newMac(key); // a provider whose MACs cannot be cloned: slower, same result
    }
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** One key per purpose: the file's secret itself never keys a MAC that travels. */
  private static byte[] derive(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal("jais intra-cluster v1".getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static boolean equal(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }

  private static JaisException forbidden(String method, String requestTarget, String why) {
    return new JaisException(ErrorCode.FORBIDDEN, method + " " + pathOf(requestTarget) + ": intra-cluster request refused: " + why);
  }

  private static String pathOf(String requestTarget) {
    int q = requestTarget.indexOf('?');
    return q < 0 ? requestTarget : requestTarget.substring(0, q);
  }
}
