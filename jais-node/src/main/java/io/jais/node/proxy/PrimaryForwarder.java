package io.jais.node.proxy;

import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Relays a control request (bucket create/destroy/props, config) from a non-primary proxy to the
 * primary, which alone changes cluster metadata, and relays the answer back; also relays
 * {@code /v1/reverse/...} requests to the node they name. Control bodies are small, so they are
 * read whole.
 */
public final class PrimaryForwarder {
  /** Control messages are small; anything bigger is a client error (413), not something to buffer. */
  public static final int MAX_CONTROL_BODY = 1 << 20;

  private static final List<String> RELAYED_REQUEST_HEADERS = List.of("Content-Type", "Accept", "Authorization");

  private final ClusterState state;
  private final IntraClient intra;

  public PrimaryForwarder(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  /** Forwards the request with {@code body}, which the caller has already read from it. */
  public Response forward(Request request, byte[] body) throws IOException, InterruptedException {
    return forward(request, body, Map.of());
  }

  /** Forwards the request with {@code body} and {@code extraHeaders} (an S3 hop's token). */
  public Response forward(Request request, byte[] body, Map<String, String> extraHeaders)
      throws IOException, InterruptedException {
    Snode primary = state.smap().primary();
    if (primary == null) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "no primary proxy known yet: the cluster is starting up");
    }
    return relay(request, body, primary.url() + request.rawUri(), extraHeaders);
  }

  /**
   * Sends the request, with {@code body}, the relayed headers and {@code extraHeaders}, to
   * {@code url}; returns the answer as is.
   */
  public Response relay(Request request, byte[] body, String url, Map<String, String> extraHeaders)
      throws IOException, InterruptedException {
    HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .method(request.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : RELAYED_REQUEST_HEADERS) {
      String value = request.header(name);
      if (value != null) {
        out.header(name, value);
      }
    }
    extraHeaders.forEach(out::header);
    HttpResponse<byte[]> reply = intra.send(out, HttpResponse.BodyHandlers.ofByteArray());
    Response.Builder response = Response.builder(reply.statusCode());
    for (Map.Entry<String, List<String>> h : reply.headers().map().entrySet()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("connection")
          || name.equalsIgnoreCase("transfer-encoding") || name.startsWith(":")) {
        continue;
      }
      h.getValue().forEach(v -> response.addHeader(name, v));
    }
    return response.body(reply.body()).build();
  }
}
