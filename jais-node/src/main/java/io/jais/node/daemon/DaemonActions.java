package io.jais.node.daemon;

import io.jais.api.ActMsg;
import io.jais.api.cluster.RmNodeMsg;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.Membership;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.IOException;

/**
 * {@code PUT /v1/daemon} on a node's control port, from the primary only: leave the cluster
 * ({@code shutdown-node}, {@code decommission-node}, {@code shutdown} of the whole cluster). The
 * node answers first and leaves right after.
 */
public final class DaemonActions {
  /** What a node does when told to leave. */
  public interface Leaving {
    /**
     * Stops keepalives at once; then, in the background, closes the node (and, decommissioned,
     * deletes its cluster metadata, and its objects too with {@code rmUserData}).
     */
    void leave(boolean decommission, boolean rmUserData);
  }

  private final io.jais.node.cluster.ClusterState state;
  private final Leaving leaving;

  public DaemonActions(io.jais.node.cluster.ClusterState state, Leaving leaving) {
    this.state = state;
    this.leaving = leaving;
  }

  public Response act(Request request) throws IOException {
    String caller = request.requireIntraCaller();
    if (!state.smap().isPrimary(caller)) {
      throw new JaisException(io.jais.api.error.ErrorCode.FORBIDDEN, "PUT /v1/daemon from " + caller
          + " refused: only the primary tells a node to leave");
    }
    ActMsg msg = request.bodyJson(ActMsg.class);
    String action = msg == null ? "" : msg.action();
    switch (action) {
      case Membership.LEAVE_SHUTDOWN, Membership.LEAVE_CLUSTER_SHUTDOWN -> leaving.leave(false, false);
      case Membership.LEAVE_DECOMMISSION -> {
        RmNodeMsg opts = msg.hasValue() ? WireJson.MAPPER.treeToValue(msg.value(), RmNodeMsg.class) : null;
        leaving.leave(true, opts != null && opts.rmUserData());
      }
      default -> throw JaisException.invalid("invalid daemon action \"" + action + "\" (expected: "
          + Membership.LEAVE_SHUTDOWN + ", " + Membership.LEAVE_DECOMMISSION + " or " + Membership.LEAVE_CLUSTER_SHUTDOWN + ")");
    }
    return Response.ok();
  }
}
