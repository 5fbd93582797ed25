package io.jais.node.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request as a handler sees it: method, path parameters (decoded), query, headers, and a
 * body that streams in while it is read. Used by one virtual thread; not thread-safe.
 */
public final class Request {
  /** The cap {@link #bodyJson} and {@link #bodyJsonTree} read up to. */
  public static final int MAX_JSON_BYTES = 64 << 20;

  private final HttpRequest head;
  private final String uri;
  private final String path;
  private final RouteMatch match;
  private final RequestBody body;
  private final InetSocketAddress remote;
  private final IntraAuthenticator intraAuthenticator;
  private Map<String, List<String>> query;
  private String intraCaller; // verified once, then remembered

  Request(
      HttpRequest head,
      String uri,
      String path,
      RouteMatch match,
      RequestBody body,
      InetSocketAddress remote,
      IntraAuthenticator intraAuthenticator) {
    this.head = head;
    this.uri = uri;
    this.path = path;
    this.match = match;
    this.body = body;
    this.remote = remote;
    this.intraAuthenticator = intraAuthenticator;
  }

  /**
   * The node of this cluster that sent the request, from its verified intra-cluster credentials;
   * null when the request carries none (a client's).
   *
   * @throws JaisException FORBIDDEN when it carries credentials that do not verify
   */
  public String intraCaller() {
    if (intraCaller == null && header(io.jais.api.Header.INTRA_AUTH) != null) {
      intraCaller = requireIntraCaller();
    }
    return intraCaller;
  }

  /**
   * Requires that a node of this cluster sent the request or that one of its proxies redirected
   * the client here (targets take writes only so, as AIS does).
   *
   * @throws JaisException NOT_REDIRECTED when neither says so (a client came straight to a
   *     target); FORBIDDEN when the request claims so with proof that does not verify
   */
  public void requireRedirectedOrIntra() {
    if (intraCaller() != null || intraAuthenticator.verifiesRedirect(method().name(), sentUri())) {
      return;
    }
    if (query(io.jais.api.QueryParam.PROXY_ID) != null) {
      throw new JaisException(ErrorCode.FORBIDDEN, method() + " " + path()
          + ": the redirect is not signed by a proxy of this cluster (or has expired): send the request to a proxy");
    }
    throw new JaisException(ErrorCode.NOT_REDIRECTED, method() + " " + path()
        + " is expected to be redirected by a proxy");
  }

  /**
   * The node of this cluster that sent the request.
   *
   * @throws JaisException UNAUTHORIZED without intra-cluster credentials, FORBIDDEN with bad ones
   */
  public String requireIntraCaller() {
    if (intraCaller == null) {
      intraCaller = intraAuthenticator.authenticate(method().name(), sentUri(), header(io.jais.api.Header.INTRA_AUTH));
    }
    return intraCaller;
  }

  public HttpMethod method() {
    return head.method();
  }

  /**
   * The path as routed, still percent-encoded, without the query: as sent unless the route table's
   * {@link RouteTable.TargetRewriter} rewrote it (S3 virtual-hosted-style requests).
   */
  public String path() {
    return path;
  }

  /** The request target as routed: path and query, still encoded; as sent unless rewritten. */
  public String rawUri() {
    return uri;
  }

  /** The request target exactly as the client sent it, before any rewrite (what signatures cover). */
  public String sentUri() {
    return head.uri();
  }

  /** The route pattern that matched, e.g. {@code /v1/objects/{bucket}/{object...}}. */
  public String route() {
    return match.route().pattern();
  }

  /**
   * A path parameter of the matched pattern, percent-decoded once.
   *
   * @throws IllegalArgumentException if the pattern has no parameter of that name (a bug)
   */
  public String pathParam(String name) {
    String value = match.param(name);
    if (value == null) {
      throw new IllegalArgumentException("route " + route() + " has no parameter {" + name + "}");
    }
    return value;
  }

  /** The first value of a query parameter, or null when absent. */
  public String query(String name) {
    if (query == null) {
      return RawQuery.first(uri, name); // a few look-ups need no map of all parameters
    }
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether the query has no parameter but those named (decoded names compared). */
  public boolean queryNamesWithin(Set<String> allowed) {
    return query == null ? RawQuery.namesWithin(uri, allowed) : allowed.containsAll(query.keySet());
  }

  public String query(String name, String defaultValue) {
    String value = query(name);
    return value != null ? value : defaultValue;
  }

  /**
   * A boolean query parameter with AIS semantics ({@code cos.ParseBool}): case-insensitive {@code 1
   * t true y yes on} / {@code 0 f false n no off}; absent or empty gives the default.
   *
   * @throws JaisException 400 for any other value
   */
  public boolean queryBool(String name, boolean defaultValue) {
    String value = query(name);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "1", "t", "true", "y", "yes", "on" -> true;
      case "0", "f", "false", "n", "no", "off" -> false;
      default ->
          throw JaisException.invalid(
              "invalid value of query parameter "
                  + name
                  + ": \""
                  + value
                  + "\" (expected: true or false)");
    };
  }

  /** All query parameters, decoded, in order of appearance; parsed on first use. */
  public Map<String, List<String>> queryParams() {
    if (query == null) {
      int q = uri.indexOf('?');
      query =
          q < 0
              ? Map.of()
              // ';' is an ordinary character, as in Go's url.ParseQuery since 1.17
              : new QueryStringDecoder(
                      uri.substring(q + 1), StandardCharsets.UTF_8, false, 1024, true)
                  .parameters();
    }
    return query;
  }

  /** The first value of a header, or null. */
  public String header(CharSequence name) {
    return head.headers().get(name);
  }

  public HttpHeaders headers() {
    return head.headers();
  }

  public InetSocketAddress remoteAddress() {
    return remote;
  }

  /**
   * The body as it arrives, with back-pressure. The first pull sends {@code 100 Continue} when the
   * client asked for it. Whatever the handler leaves unread is drained after the response.
   */
  public ByteBufSource body() {
    return body;
  }

  /**
   * The whole body, which must fit {@code maxBytes}; empty when there is none.
   *
   * @throws JaisException 413 when the body is larger
   * @throws IOException when the body is truncated
   */
  public byte[] bodyBytes(int maxBytes) throws IOException {
    long declared = body.declaredLength();
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes); // before pulling: no 100 Continue for a body we refuse
    }
    byte[] out = new byte[declared >= 0 ? (int) declared : Math.min(maxBytes, 8192)];
    int size = 0;
    for (ByteBuf chunk; (chunk = body.next()) != null; ) {
      try {
        int n = chunk.readableBytes();
        if ((long) size + n > maxBytes) {
          throw tooLarge((long) size + n, maxBytes);
        }
        if (size + n > out.length) {
          out =
              Arrays.copyOf(
                  out, (int) Math.min(maxBytes, Math.max((long) size + n, 2L * out.length)));
        }
        chunk.readBytes(out, size, n);
        size += n;
      } finally {
        chunk.release();
      }
    }
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  /**
   * The body parsed as JSON into {@code type}; null when the body is empty.
   *
   * @throws JaisException 400 MALFORMED_BODY when it is not valid JSON for the type
   */
  public <T> T bodyJson(Class<T> type) throws IOException {
    byte[] bytes = bodyBytes(MAX_JSON_BYTES);
    if (bytes.length == 0) {
      return null;
    }
    try {
      return JsonCodec.MAPPER.readValue(bytes, type);
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /** The body as a JSON tree; null when the body is empty. */
  public JsonNode bodyJsonTree() throws IOException {
    byte[] bytes = bodyBytes(MAX_JSON_BYTES);
    if (bytes.length == 0) {
      return null;
    }
    try {
      return JsonCodec.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  private static JaisException tooLarge(long size, int maxBytes) {
    return new JaisException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "request body too large: " + size + " bytes (expected: at most " + maxBytes + ")");
  }

  private JaisException malformed(JacksonException e) {
    if (e.getCause() instanceof JaisException invalid) {
      return invalid; // a wire record rejected a value: its message names the field
    }
    return new JaisException(
        ErrorCode.MALFORMED_BODY,
        "malformed JSON body in " + method() + " " + path + ": " + e.getOriginalMessage(),
        e);
  }

  @Override
  public String toString() {
    return head.method() + " " + uri;
  }
}
