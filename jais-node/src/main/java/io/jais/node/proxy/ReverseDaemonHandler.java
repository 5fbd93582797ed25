package io.jais.node.proxy;

import io.jais.api.ApiPath;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.node.NodeStatus;
import io.jais.node.cluster.ClusterState;
import io.jais.node.daemon.DaemonHandler;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.Map;

/**
 * {@code GET /v1/reverse/daemon?...} with {@code Ais-Node-Id} (docs/native-api.md#cluster-and-node): the
 * proxy answers
 * for a node the client need not reach directly, by relaying the request to that node's
 * {@code /v1/daemon}. As in AIS, a node in maintenance is not asked for its {@code node_status}:
 * the proxy answers with what the cluster map says.
 */
public final class ReverseDaemonHandler {
  private final ClusterState state;
  private final DaemonHandler self;
  private final PrimaryForwarder relay;

  public ReverseDaemonHandler(ClusterState state, DaemonHandler self, PrimaryForwarder relay) {
    this.state = state;
    this.self = self;
    this.relay = relay;
  }

  /**
   * {@code PUT|POST|DELETE /v1/reverse/daemon/mountpaths} with {@code Ais-Node-Id}: a target's
   * mountpath operation (attach, detach, enable, disable, rescan), relayed with its body and query.
   */
  public Response mountpaths(Request request) throws Exception {
    Snode node = named(request);
    if (!node.isTarget()) {
      throw JaisException.invalid(node.displayName() + " is a proxy and has no mountpaths");
    }
    byte[] body = request.bodyBytes(64 * 1024);
    String uri = request.rawUri();
    int query = uri.indexOf('?');
    return relay.relay(request, body, node.url() + ApiPath.DAEMON + "/mountpaths" + (query < 0 ? "" : uri.substring(query)),
        Map.of());
  }

  private Snode named(Request request) {
    String id = request.header(Header.NODE_ID);
    if (id == null || id.isBlank()) {
      throw JaisException.invalid("missing node ID: name the node in the " + Header.NODE_ID + " header");
    }
    Smap smap = state.smap();
    Snode node = smap.node(id.strip());
    if (node == null) {
      throw new JaisException(ErrorCode.NOT_FOUND, state.self().displayName() + ": cannot forward request to node \""
          + id.strip() + "\": not in the cluster map (v" + smap.version() + ")");
    }
    return node;
  }

  public Response reverse(Request request) throws Exception {
    Smap smap = state.smap();
    Snode node = named(request);
    if (!node.isActive() && request.query(QueryParam.WHAT, "").equals("node_status")) {
      return Response.json(new NodeStatus(DaemonHandler.statusOf(node), "", "", "", "", node, Map.of(), null, null,
          smap.version()));
    }
    if (node.id().equals(state.self().id())) {
      return self.daemon(request);
    }
    String uri = request.rawUri();
    int query = uri.indexOf('?');
    String url = node.url() + ApiPath.DAEMON + (query < 0 ? "" : uri.substring(query));
    return relay.relay(request, new byte[0], url, Map.of());
  }
}
