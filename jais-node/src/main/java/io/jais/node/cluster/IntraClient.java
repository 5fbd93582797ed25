package io.jais.node.cluster;

import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorBody;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * HTTP between nodes: small JSON or msgpack control bodies (join, keepalive, metasync, fan-outs)
 * and relayed or streamed requests, as blocking calls from virtual or control threads. Every
 * request carries this node's {@link IntraAuth} credentials, its ID and its cluster-map version;
 * every answer is a sign of life of the node that gave it ({@link Liveness}).
 *
 * <p>A node has two: one for the control plane, one for everything else, so control calls never
 * queue behind data on the same connections or selector.
 */
public final class IntraClient implements AutoCloseable {
  private final HttpClient http;
  private final String callerId;
  private final Supplier<Long> smapVersion;
  private final IntraAuth auth;
  private final Liveness liveness;

  /** @param liveness told of every node that answers; null when nobody listens */
  public IntraClient(String callerId, Supplier<Long> smapVersion, IntraAuth auth, Liveness liveness) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.callerId = callerId;
    this.smapVersion = smapVersion;
    this.auth = auth;
    this.liveness = liveness;
  }

  /** Sends a JSON body (or none) and parses the JSON reply; {@code replyType} Void ignores it. */
  public <T> T json(String method, String url, Object body, Class<T> replyType, Duration timeout)
      throws IOException {
    byte[] reply = bytes(method, url, body == null ? null : WireJson.toBytes(body), "application/json", timeout);
    if (replyType == Void.class || reply.length == 0) {
      return null;
    }
    return WireJson.parse(reply, replyType);
  }

  /**
   * Sends raw bytes and returns the reply body.
   *
   * @throws JaisException with the peer's error code when it answers with an error status
   * @throws IOException when the peer cannot be reached or the call times out
   */
  public byte[] bytes(String method, String url, byte[] body, String contentType, Duration timeout)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response;
    try {
      response = send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling " + url, e);
    }
    if (response.statusCode() >= 400) {
      throw peerError(response);
    }
    return response.body();
  }

  /**
   * Sends a request built by the caller (streamed bodies, HEADs, relays) with this node's
   * credentials and caller headers added.
   */
  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest built = request.build();
    HttpRequest signed = HttpRequest.newBuilder(built, (name, value) -> true)
        .setHeader(IntraAuth.HEADER, auth.headerForUrl(built.method(), built.uri()))
        .setHeader(Header.CALLER_ID, callerId)
        .setHeader(Header.CALLER_SMAP_VERSION, Long.toString(smapVersion.get()))
        .build();
    HttpResponse<T> response = http.send(signed, handler);
    if (liveness != null) {
      liveness.answeredFrom(built.uri());
    }
    return response;
  }

  /**
   * {@code <node>/<path>/<bucket>?provider=..[&namespace=..]}: the URL of a bucket-scoped
   * intra-cluster route; callers append further query parameters with {@code &}.
   */
  public static String bucketUrl(Snode node, String path, Bucket bucket) {
    StringBuilder url = new StringBuilder(node.url()).append(path).append('/').append(bucket.name())
        .append('?').append(QueryParam.PROVIDER).append('=').append(bucket.provider().wireName());
    if (!bucket.namespace().isGlobal()) {
      url.append('&').append(QueryParam.NAMESPACE).append('=')
          .append(URLEncoder.encode(bucket.namespace().uname(), StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  private static JaisException peerError(HttpResponse<byte[]> response) {
    String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      ErrorBody body = WireJson.parse(response.body(), ErrorBody.class);
      return new JaisException(ErrorCode.of(response.statusCode(), body.tcode()), body.message());
    } catch (JaisException notJson) {
      return new JaisException(ErrorCode.of(response.statusCode(), ""), text);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
