package io.jais.node.daemon;

import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.MetaPayload;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.function.BooleanSupplier;

/**
 * Routes every node serves, proxy or target: its view of the cluster ({@code /v1/daemon}),
 * liveness ({@code /v1/health}) and the receiving end of metasync.
 */
public final class DaemonHandler {
  private final ClusterState state;
  private final long startNanos = System.nanoTime();
  private final BooleanSupplier clusterReady;

  /**
   * @param clusterReady whether the cluster as this node sees it can serve requests (for the
   *     primary: every node of its Smap has joined; for others: this node has joined)
   */
  public DaemonHandler(ClusterState state, BooleanSupplier clusterReady) {
    this.state = state;
    this.clusterReady = clusterReady;
  }

  /** {@code GET /v1/daemon?what=smap|bmd|config|snode}. */
  public Response daemon(Request request) {
    String what = request.query(QueryParam.WHAT, "");
    return switch (what) {
      case "smap" -> Response.json(state.smap());
      case "bmd" -> Response.json(state.bmd());
      case "config", "cluster_config" -> Response.json(state.config());
      case "snode" -> Response.json(state.self());
      default -> throw JaisException.invalid("invalid what=\"" + what + "\" (expected: smap, bmd, config or snode)");
    };
  }

  /** {@code GET /v1/health[?prr=true]}: 200 when up; with prr, only once the cluster is ready. */
  public Response health(Request request) {
    boolean primaryReady = request.queryBool(QueryParam.PRIMARY_READY, false);
    if (primaryReady && !clusterReady.getAsBoolean()) {
      throw new JaisException(ErrorCode.UNAVAILABLE, state.self().displayName() + ": cluster is starting up");
    }
    long uptime = System.nanoTime() - startNanos;
    return Response.builder(200)
        .header(Header.NODE_UPTIME, Long.toString(uptime))
        .header(Header.CLUSTER_UPTIME, Long.toString(uptime))
        .build();
  }

  /** {@code PUT /v1/metasync}: takes newer metadata versions pushed by the primary. */
  public Response metasync(Request request) throws java.io.IOException {
    MetaPayload payload = request.bodyJson(MetaPayload.class);
    if (payload == null) {
      throw JaisException.invalid("metasync: empty body");
    }
    state.accept(payload);
    return Response.ok();
  }
}
