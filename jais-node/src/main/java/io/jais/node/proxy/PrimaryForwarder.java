package io.jais.node.proxy;

import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Relays a control request (bucket create/destroy/props, config) from a non-primary proxy to the
 * primary, which alone changes cluster metadata, and relays the answer back; also relays
 * {@code /v1/reverse/...} requests to the node they name. Control bodies are small, so they are
 * read whole. A primary that cannot be connected to (it died) is replaced by election within
 * seconds: the request waits for that and goes to the new primary, so clients of the other
 * proxies see a slow answer, not an error.
 */
public final class PrimaryForwarder {
  /** Control messages are small; anything bigger is a client error (413), not something to buffer. */
  public static final int MAX_CONTROL_BODY = 1 << 20;

  /**
   * How long a request to a primary that does not answer waits for another to be elected before
   * it fails with 503 (which clients retry): longer than detection and election take.
   */
  private static final Duration FAILOVER_WAIT = Duration.ofSeconds(15);

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
    try {
      return relay(request, body, primary.url() + request.rawUri(), extraHeaders);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      // never delivered, so safe to send again: to the primary elected in its place
      Snode next = awaitOtherPrimary(primary.id());
      if (next == null) {
        throw new JaisException(ErrorCode.UNAVAILABLE, "the primary " + primary.id() + " does not answer ("
            + e + ") and no other has taken over yet: retry");
      }
      return relay(request, body, next.url() + request.rawUri(), extraHeaders);
    } catch (IOException e) {
      // delivered, maybe applied, then the primary failed: the client decides whether to retry
      throw new JaisException(ErrorCode.UNAVAILABLE, "the primary " + primary.id() + " failed while serving the "
          + "request (" + e + "); it may or may not have been applied: retry");
    }
  }

  /** Waits for the map to name a primary other than {@code gone} (an election); null on timeout. */
  private Snode awaitOtherPrimary(String gone) throws InterruptedException {
    long deadline = System.nanoTime() + FAILOVER_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Snode now = state.smap().primary();
      if (now != null && !now.id().equals(gone)) {
        return now;
      }
      Thread.sleep(50);
    }
    return null;
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
