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
 * Control-plane HTTP between nodes (join, keepalive, metasync, list fan-out): small JSON or
 * msgpack bodies, blocking calls made from virtual threads. Every request names the caller and
 * its cluster-map version so receivers can tell who is asking.
 */
public final class IntraClient implements AutoCloseable {
  private final HttpClient http;
  private final String callerId;
  private final Supplier<Long> smapVersion;

  public IntraClient(String callerId, Supplier<Long> smapVersion) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.callerId = callerId;
    this.smapVersion = smapVersion;
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
        .header(Header.CALLER_ID, callerId)
        .header(Header.CALLER_SMAP_VERSION, Long.toString(smapVersion.get()))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
   * Sends a request built by the caller (streamed bodies, HEADs, relays) on the node's shared
   * client, with the caller headers added.
   */
  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    request.header(Header.CALLER_ID, callerId).header(Header.CALLER_SMAP_VERSION, Long.toString(smapVersion.get()));
    return http.send(request.build(), handler);
  }

  /**
   * {@code <node>/<path>/<bucket>?provider=..[&namespace=..]}: the URL of a bucket-scoped
   * intra-cluster route; callers append further query parameters with {@code &}.
   */
  public static String bucketUrl(Snode node, String path, Bucket bucket) {
    StringBuilder url = new StringBuilder(node.controlUrl()).append(path).append('/').append(bucket.name())
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
