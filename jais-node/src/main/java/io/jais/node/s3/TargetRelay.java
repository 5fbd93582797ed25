package io.jais.node.s3;

import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries an S3 object request from the proxy to the target that owns the object and the answer
 * back, streaming both ways: the client's body is pulled chunk by chunk as the target takes it, and
 * the target's body is written to the client as it arrives, so neither is held whole in memory and
 * a slow side slows the other down through TCP. S3 clients do not follow redirects on writes, which
 * is why the proxy relays instead of redirecting (see {@link S3Options#redirect()}).
 */
final class TargetRelay {
  /** Hop-by-hop headers, and those the JDK client sets itself and refuses from callers. */
  private static final Set<String> NOT_RELAYED = Set.of("connection", "content-length", "expect", "host",
      "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

  private final ClusterState state;
  private final IntraClient intra;
  private final IntraAuth auth;

  TargetRelay(ClusterState state, IntraClient intra, IntraAuth auth) {
    this.state = state;
    this.intra = intra;
    this.auth = auth;
  }

  /** The target that owns the object by HRW. */
  Snode owner(Bucket bucket, String key) {
    Snode target = state.smap().owner(bucket, key);
    if (target == null) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "no targets in the cluster to store " + bucket.uri() + "/" + key);
    }
    return target;
  }

  /**
   * The target's URL for this request: its own path (under {@code /s3}) and query verbatim
   * (already encoded by the client) plus the redirect markers AIS targets expect from a proxy.
   */
  String targetUrl(Snode target, String rawUri) {
    if (!rawUri.startsWith(S3Routes.ROOT + "/")) {
      rawUri = S3Routes.ROOT + rawUri; // served at the root path: targets serve S3 under /s3 only
    }
    String utm = Long.toString(System.currentTimeMillis() * 1_000_000L, 36);
    return target.url() + rawUri + (rawUri.indexOf('?') < 0 ? '?' : '&') + QueryParam.PROXY_ID + '='
        + state.self().id() + '&' + QueryParam.REDIRECT_TIME + '=' + utm;
  }

  /**
   * Where a redirected client goes: the target's URL, signed for this method and URL, so the target
   * can tell a proxy checked the client's signature.
   */
  String redirectUrl(Snode target, Request request) {
    return auth.signRedirect(request.method().name(), targetUrl(target, request.rawUri()));
  }

  /** Sends an intra-cluster request built by an op (deletes, copies, fan-outs), with this node's credentials. */
  <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return intra.send(request, handler);
  }

  /** Relays the whole request (method, headers, streamed body) and streams the answer back. */
  Response relay(Request request, Snode target) throws IOException, InterruptedException {
    BodyInputStream body = new BodyInputStream(request.body());
    HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(targetUrl(target, request.rawUri())))
        .method(request.method().name(), publisher(request, body));
    List<Map.Entry<String, String>> relayed = new ArrayList<>();
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
      if (!NOT_RELAYED.contains(name) && !name.equalsIgnoreCase(IntraAuth.HEADER)
          && !name.equals(NonAsciiHeaders.HEADER)) {
        relayed.add(header);
      }
    }
    NonAsciiHeaders.addAll(out, relayed);
    HttpResponse<InputStream> reply;
    try {
      reply = send(out, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      if (body.failure() != null) {
        throw new S3Exception(S3Error.INCOMPLETE_BODY, "request body ended early: " + body.failure().getMessage());
      }
      throw e;
    }
    return toResponse(reply, "HEAD".equals(request.method().name()));
  }

  private static HttpRequest.BodyPublisher publisher(Request request, BodyInputStream body) {
    long length = request.body().declaredLength();
    boolean chunked = request.header("Transfer-Encoding") != null;
    if (length == 0 || (length < 0 && !chunked)) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> body);
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  /** The target's answer as the client's: status, end-to-end headers, body streamed through. */
  static Response toResponse(HttpResponse<InputStream> reply, boolean head) throws IOException {
    Response.Builder response = Response.builder(reply.statusCode());
    for (Map.Entry<String, List<String>> header : reply.headers().map().entrySet()) {
      String name = header.getKey();
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith(":") || (NOT_RELAYED.contains(lower) && !lower.equals("content-length"))) {
        continue;
      }
      header.getValue().forEach(value -> response.addHeader(name, value));
    }
    InputStream in = reply.body();
    boolean empty = head || reply.statusCode() == 304 || reply.statusCode() == 204
        || "0".equals(reply.headers().firstValue("content-length").orElse(null));
    if (empty) {
      in.close();
      return response.build();
    }
    return response.stream(out -> {
      try (in) {
        in.transferTo(out);
      }
    }).build();
  }
}
