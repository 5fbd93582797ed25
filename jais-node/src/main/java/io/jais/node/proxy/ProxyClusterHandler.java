package io.jais.node.proxy;

import io.jais.api.QueryParam;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.KeepaliveMsg;
import io.jais.node.cluster.Primary;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.function.Supplier;

/** The proxy's cluster routes: cluster-wide queries and, on the primary, join and keepalive. */
public final class ProxyClusterHandler {
  private final ClusterState state;
  private final Supplier<Primary> primary;

  public ProxyClusterHandler(ClusterState state, Supplier<Primary> primary) {
    this.state = state;
    this.primary = primary;
  }

  /** {@code GET /v1/cluster?what=cluster_config|smap|bmd}. */
  public Response query(Request request) {
    String what = request.query(QueryParam.WHAT, "");
    return switch (what) {
      case "cluster_config", "config" -> Response.json(state.config());
      case "smap" -> Response.json(state.smap());
      case "bmd" -> Response.json(state.bmd());
      default -> throw JaisException.invalid("invalid what=\"" + what + "\" (expected: cluster_config, smap or bmd)");
    };
  }

  /** {@code POST /v1/cluster/join}: a node asks to be added to the cluster map. */
  public Response join(Request request) throws Exception {
    Snode node = request.bodyJson(Snode.class);
    if (node == null) {
      throw JaisException.invalid("join: missing node description");
    }
    return Response.json(requirePrimary().join(node));
  }

  /** {@code POST /v1/cluster/keepalive}: a node reports it is alive. */
  public Response keepalive(Request request) throws Exception {
    KeepaliveMsg msg = request.bodyJson(KeepaliveMsg.class);
    if (msg == null) {
      throw JaisException.invalid("keepalive: missing body");
    }
    return Response.json(requirePrimary().keepalive(msg));
  }

  private Primary requirePrimary() {
    Primary p = primary.get();
    if (p == null) {
      Snode current = state.smap().primary();
      throw new JaisException(ErrorCode.INVALID_ARGUMENT, state.self().displayName() + " is not the primary"
          + (current == null ? "" : "; the primary is " + current.url()));
    }
    return p;
  }
}
