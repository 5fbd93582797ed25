package io.jais.loader;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.client.JaisClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The AIS native API. Bucket set-up, listing and cleanup go through the SDK ({@code jais-client});
 * the hot path (object GET and PUT) uses one {@link HttpConnection} per worker and host, kept
 * alive, and follows the proxy's redirects the way AIS clients do: a GET gets a 301 and is re-sent
 * to the target; a PUT is first sent with {@code Expect: 100-continue}, the proxy answers 307
 * from the request line (and closes that connection, whose body never came), and the body goes to
 * the target only. Bodies are written from {@link Content}'s direct pattern without copies, and
 * responses are counted (and checked) buffer by buffer, never kept.
 */
final class NativeBackend implements Backend {
  private static final int MAX_HOPS = 5;

  private final String endpoint;
  private final Bucket bucket;
  private final JaisClient sdk;
  private final Duration timeout;
  private final String proxyHost;
  private final int proxyPort;
  private final String objectsBase;
  private final List<Map<String, HttpConnection>> all = new ArrayList<>();
  private final ThreadLocal<Map<String, HttpConnection>> perThread = ThreadLocal.withInitial(() -> {
    Map<String, HttpConnection> mine = new HashMap<>();
    synchronized (all) {
      all.add(mine);
    }
    return mine;
  });

  NativeBackend(String endpoint, String bucketName, Duration timeout) {
    this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.bucket = Bucket.ais(bucketName);
    this.timeout = timeout;
    this.sdk = JaisClient.builder(this.endpoint).readTimeout(timeout).build();
    URI uri = URI.create(this.endpoint);
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("native mode speaks http only: " + endpoint);
    }
    this.proxyHost = uri.getHost();
    this.proxyPort = uri.getPort() < 0 ? 80 : uri.getPort();
    String basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
    this.objectsBase = basePath + "/v1/objects/" + encode(bucketName) + "/";
  }

  @Override
  public String describe() {
    return "native " + endpoint + " " + bucket.uri();
  }

  @Override
  public boolean prepareBucket() {
    if (sdk.buckets().exists(bucket)) {
      return false;
    }
    try {
      sdk.buckets().create(bucket);
      return true;
    } catch (JaisException e) {
      if (e.code() == ErrorCode.BUCKET_EXISTS) {
        return false; // another loader won the race
      }
      throw e;
    }
  }

  @Override
  public List<String> list(String prefix) {
    return sdk.buckets().listNames(bucket, prefix);
  }

  @Override
  public void delete(String name) {
    sdk.objects().delete(bucket, name);
  }

  @Override
  public void destroyBucket() {
    sdk.buckets().destroy(bucket);
  }

  /** The proxy-relative request target of an object. */
  String objectTarget(String name) {
    return objectsBase + encodePath(name) + "?provider=ais";
  }

  @Override
  public long put(String name, long size) throws Exception {
    int start = Content.start(name);
    Location at = new Location(proxyHost, proxyPort, objectTarget(name));
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      boolean expect = hop == 0 && size > 0; // the proxy redirects before the body; the target takes it
      String target = at.target();
      Exchange x = expect
          ? send(at, conn -> conn.writeHead("PUT", target, size, true), true)
          : send(at, conn -> conn.writeRequest("PUT", target, start, size), false);
      HttpConnection.Head head = x.head;
      if (head == null || head.status() == 100) { // body sent with the head, or the server asked for it
        if (head != null) {
          x.conn.writeBody(start, size);
        }
        head = x.conn.readHead();
      } else if (expect) {
        x.conn.markBroken(); // answered before the body: the server closes this connection
      }
      if (isRedirect(head.status())) {
        drain(x.conn, head);
        release(x.conn, head);
        at = next(at, head);
        continue;
      }
      String text = head.status() >= 300 ? text(x.conn, head) : drainAndNull(x.conn, head);
      release(x.conn, head);
      if (head.status() != 200 && head.status() != 201) {
        throw httpError("PUT", name, head.status(), text);
      }
      return size;
    }
    throw new OpException("redirects", "PUT " + name + ": more than " + MAX_HOPS + " redirects");
  }

  @Override
  public long get(String name, boolean verify) throws Exception {
    Location at = new Location(proxyHost, proxyPort, objectTarget(name));
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      String target = at.target();
      Exchange x = send(at, conn -> conn.writeHead("GET", target, -1, false), true);
      HttpConnection.Head head = x.head;
      if (isRedirect(head.status())) {
        drain(x.conn, head);
        release(x.conn, head);
        at = next(at, head);
        continue;
      }
      if (head.status() != 200) {
        String text = text(x.conn, head);
        release(x.conn, head);
        throw httpError("GET", name, head.status(), text);
      }
      Content.Verifier verifier = verify ? new Content.Verifier(name) : null;
      long bytes = x.conn.readBody(head, false, verifier == null ? NO_SINK : verifier::update);
      release(x.conn, head);
      if ((head.contentLength() >= 0 && bytes != head.contentLength()) || (verifier != null && verifier.firstMismatch() >= 0)) {
        throw Backend.verifyFailed(name, bytes, head.contentLength(), verifier == null ? -1 : verifier.firstMismatch());
      }
      return bytes;
    }
    throw new OpException("redirects", "GET " + name + ": more than " + MAX_HOPS + " redirects");
  }

  private static final HttpConnection.Sink NO_SINK = (b, off, len) -> {};

  /** Where a request goes: host, port and the origin-form target (path and query). */
  record Location(String host, int port, String target) {}

  private record Exchange(HttpConnection conn, HttpConnection.Head head) {}

  /** Writes one request (head, and the body if it goes with it) on a connection. */
  @FunctionalInterface
  private interface Request {
    void writeTo(HttpConnection conn) throws IOException;
  }

  /**
   * Writes a request on a kept-alive connection to the location (a new one if none is idle) and,
   * if {@code readHead}, reads the response head. A kept-alive connection the server closed
   * meanwhile fails on first use: that request is retried once on a fresh connection (nothing was
   * processed).
   */
  private Exchange send(Location at, Request request, boolean readHead) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Acquired conn = acquire(at.host(), at.port());
      boolean reused = conn.reused();
      try {
        request.writeTo(conn.conn());
        if (!readHead) {
          return new Exchange(conn.conn(), null);
        }
        return new Exchange(conn.conn(), conn.conn().readHead());
      } catch (IOException e) {
        conn.conn().close();
        connections().remove(conn.conn().hostPort);
        if (!reused || attempt > 0) {
          throw e;
        }
      }
    }
  }

  private record Acquired(HttpConnection conn, boolean reused) {}

  private Acquired acquire(String host, int port) throws IOException {
    Map<String, HttpConnection> mine = connections();
    String key = host + ":" + port;
    HttpConnection conn = mine.get(key);
    if (conn != null && !conn.broken()) {
      return new Acquired(conn, true);
    }
    if (conn != null) {
      conn.close();
    }
    conn = new HttpConnection(host, port, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    mine.put(key, conn);
    return new Acquired(conn, false);
  }

  /** Keeps the connection for the next request, or closes it if either side said so. */
  private void release(HttpConnection conn, HttpConnection.Head head) {
    conn.idle();
    if (head.close() || conn.broken()) {
      conn.close();
      connections().remove(conn.hostPort);
    }
  }

  private Map<String, HttpConnection> connections() {
    return perThread.get();
  }

  private static void drain(HttpConnection conn, HttpConnection.Head head) throws IOException {
    conn.readBody(head, false, NO_SINK);
  }

  private static String drainAndNull(HttpConnection conn, HttpConnection.Head head) throws IOException {
    drain(conn, head);
    return null;
  }

  private static String text(HttpConnection conn, HttpConnection.Head head) throws IOException {
    StringBuilder sb = new StringBuilder();
    conn.readBody(head, false, (b, off, len) -> {
      if (sb.length() < 1000) {
        sb.append(new String(b, off, Math.min(len, 1000), StandardCharsets.UTF_8));
      }
    });
    return sb.toString();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 307 || status == 308;
  }

  static Location next(Location from, HttpConnection.Head head) throws OpException {
    String location = head.location();
    if (location == null) {
      throw new OpException("redirects", "redirect " + head.status() + " without Location from " + from.host() + ":"
          + from.port());
    }
    if (location.startsWith("/")) {
      return new Location(from.host(), from.port(), location);
    }
    URI uri = URI.create(location);
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new OpException("redirects", "cannot follow a redirect to " + location + " (http only)");
    }
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new Location(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), target);
  }

  private static OpException httpError(String method, String name, int status, String body) {
    String text = body == null || body.isBlank() ? "" : ": " + body.strip();
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...";
    }
    return new OpException("http-" + status, method + " " + name + ": HTTP " + status + text);
  }

  @Override
  public void close() {
    sdk.close();
    synchronized (all) {
      all.forEach(m -> m.values().forEach(HttpConnection::close));
      all.clear();
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Percent-encodes an object name, keeping its slashes. */
  static String encodePath(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    int from = 0;
    for (int slash; (slash = name.indexOf('/', from)) >= 0; from = slash + 1) {
      sb.append(encode(name.substring(from, slash))).append('/');
    }
    return sb.append(encode(name.substring(from))).toString();
  }
}
