package io.jais.node.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.QueryParam;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.ConfigPatch;
import io.jais.node.cluster.KeepaliveMsg;
import io.jais.node.cluster.Membership;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.RmNodeMsg;
import io.jais.node.cluster.Primary;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.function.Supplier;

/** The proxy's cluster routes: cluster-wide queries and, on the primary, join and keepalive. */
public final class ProxyClusterHandler {
  private final ClusterState state;
  private final Supplier<Primary> primary;
  private final Supplier<Membership> membership;
  private final Runnable shutdownSelf;
  private static final java.util.Set<String> MEMBERSHIP_ACTIONS = java.util.Set.of(Action.START_MAINTENANCE,
      Action.STOP_MAINTENANCE, Action.DECOMMISSION_NODE, Action.SHUTDOWN_NODE, Action.SHUTDOWN_CLUSTER,
      Action.DECOMMISSION_CLUSTER, "rm-unsafe");
  private final PrimaryForwarder forwarder;
  private final NodeReports reports;
  private final ProxyJobHandler jobs;

  /**
   * @param membership node lifecycle, on the primary only (null elsewhere)
   * @param shutdownSelf stops this node, after it answered (cluster shutdown)
   */
  public ProxyClusterHandler(ClusterState state, Supplier<Primary> primary, Supplier<Membership> membership,
      Runnable shutdownSelf, PrimaryForwarder forwarder, NodeReports reports, ProxyJobHandler jobs) {
    this.state = state;
    this.primary = primary;
    this.membership = membership;
    this.shutdownSelf = shutdownSelf;
    this.forwarder = forwarder;
    this.reports = reports;
    this.jobs = jobs;
  }

  /**
   * {@code PUT /v1/cluster}: cluster actions. {@code set-config} changes the cluster config (the
   * value is nested JSON or dotted keys); {@code start} and {@code stop} start and abort jobs.
   */
  public Response act(Request request) throws Exception {
    byte[] body = request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY);
    ActMsg msg = body.length == 0 ? null : WireJson.parse(body, ActMsg.class);
    String action = msg == null ? "" : msg.action();
    if (action.equals(Action.SET_CONFIG)) {
      return setConfig(request, body, msg.value());
    }
    if (action.equals(Action.START_JOB)) {
      return jobs.start(request, body, msg);
    }
    if (action.equals(Action.STOP_JOB)) {
      return jobs.stop(request, body, msg);
    }
    if (MEMBERSHIP_ACTIONS.contains(action)) {
      return membership(request, body, msg);
    }
    if (Action.NOT_YET_IMPLEMENTED.contains(action)) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "cluster action \"" + action + "\" is not implemented in JAIS yet");
    }
    throw new JaisException(ErrorCode.UNKNOWN_ACTION, "invalid cluster action \"" + action + "\"");
  }

  /**
   * Node lifecycle: answered by the primary (a rebalance ID as text, empty when none ran), forwarded
   * there by any other proxy. {@code shutdown} answers first, then the primary stops the others and
   * itself.
   */
  private Response membership(Request request, byte[] body, ActMsg msg) throws Exception {
    Membership m = membership.get();
    if (m == null) {
      return forwarder.forward(request, body);
    }
    String action = msg.action();
    if (action.equals(Action.DECOMMISSION_CLUSTER) || action.equals("rm-unsafe")) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "cluster action \"" + action + "\" is not implemented in JAIS yet");
    }
    if (action.equals(Action.SHUTDOWN_CLUSTER)) {
      m.shutdownCluster();
      shutdownSelf.run();
      return Response.ok();
    }
    RmNodeMsg value = msg.hasValue() ? WireJson.MAPPER.treeToValue(msg.value(), RmNodeMsg.class) : null;
    if (value == null) {
      throw JaisException.invalid(action + ": missing value {\"sid\": \"<node ID>\"}");
    }
    String rebalanceId = switch (action) {
      case Action.START_MAINTENANCE -> m.startMaintenance(value);
      case Action.STOP_MAINTENANCE -> m.stopMaintenance(value);
      case Action.DECOMMISSION_NODE -> m.decommission(value);
      case Action.SHUTDOWN_NODE -> m.shutdownNodes(value);
      default -> throw new JaisException(ErrorCode.UNKNOWN_ACTION, "invalid cluster action \"" + action + "\"");
    };
    return Response.text(rebalanceId);
  }

  /**
   * {@code POST /v1/cluster/join-by-admin}: add the running node described by the body (an Snode;
   * its {@code public_net} is what counts). Answers {@code {"daemon_id", "rebalance_id"}}.
   */
  public Response adminJoin(Request request) throws Exception {
    byte[] body = request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY);
    Membership m = membership.get();
    if (m == null) {
      return forwarder.forward(request, body);
    }
    Snode node = body.length == 0 ? null : WireJson.parse(body, Snode.class);
    String id = m.adminJoin(publicUrl(node));
    ObjectNode reply = WireJson.MAPPER.createObjectNode();
    reply.put("daemon_id", id);
    reply.put("rebalance_id", "");
    return Response.json(reply);
  }

  /** {@code direct_url} of the node's public_net, or {@code http://node_ip_addr:daemon_port}. */
  private static String publicUrl(Snode node) {
    NetInfo net = node == null ? null : node.publicNet();
    if (net != null && net.url() != null && !net.url().isEmpty()) {
      return net.url();
    }
    if (net != null && net.host() != null && !net.host().isEmpty() && net.port() != null && net.port().matches("\\d{1,5}")) {
      return NetInfo.of("http", net.host(), Integer.parseInt(net.port())).url();
    }
    throw JaisException.invalid("join-by-admin: the body must describe the node: public_net with direct_url, or "
        + "node_ip_addr and daemon_port");
  }

  /** {@code PUT /v1/cluster/set-config?checksum.type=md5&...}: the query form of set-config. */
  public Response setConfigQuery(Request request) throws Exception {
    ObjectNode patch = WireJson.MAPPER.createObjectNode();
    request.queryParams().forEach((key, values) -> patch.put(key, values.get(values.size() - 1)));
    return setConfig(request, new byte[0], patch);
  }

  private Response setConfig(Request request, byte[] body, JsonNode patch) throws Exception {
    Primary p = primary.get();
    if (p == null) {
      return forwarder.forward(request, body);
    }
    return Response.json(p.updateConfig(config -> ConfigPatch.apply(config, patch)));
  }

  /**
   * {@code GET /v1/cluster?what=cluster_config|smap|bmd|sysinfo|mountpaths}, and the job queries
   * {@code status|status_all|qryxstats|running_all}.
   */
  public Response query(Request request) throws Exception {
    String what = request.query(QueryParam.WHAT, "");
    return switch (what) {
      case "cluster_config", "config" -> Response.json(state.config());
      case "smap" -> Response.json(state.smap());
      case "bmd" -> Response.json(state.bmd());
      case "sysinfo" -> Response.json(reports.sysinfo());
      case "mountpaths" -> Response.json(reports.mountpaths());
      case "status", "status_all", "qryxstats", "running_all" -> jobs.query(request, what);
      default -> throw JaisException.invalid("invalid what=\"" + what + "\" (expected: cluster_config, smap, bmd, sysinfo, "
          + "mountpaths, status, status_all, qryxstats or running_all)");
    };
  }

  /**
   * {@code PUT /v1/cluster/proxy/<id>}: make proxy {@code id} the primary (AIS set-primary). Any
   * proxy takes it; the primary does it. {@code frc=true} (forcing a primary onto a cluster that
   * has another) is not supported.
   */
  public Response setPrimary(Request request) throws Exception {
    String id = request.pathParam("id");
    if (request.queryBool(QueryParam.FORCE, false)) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "set-primary with frc=true (forced) is not implemented in JAIS");
    }
    Primary p = primary.get();
    if (p == null) {
      return forwarder.forward(request, new byte[0]);
    }
    p.handOver(id);
    return Response.ok();
  }

  /** {@code POST /v1/cluster/join}: a node asks to be added to the cluster map. */
  public Response join(Request request) throws Exception {
    Snode node = request.bodyJson(Snode.class);
    if (node == null) {
      throw JaisException.invalid("join: missing node description");
    }
    return Response.json(requirePrimary().join(node, request.requireIntraCaller()));
  }

  /** {@code POST /v1/cluster/keepalive}: a node reports it is alive. */
  public Response keepalive(Request request) throws Exception {
    KeepaliveMsg msg = request.bodyJson(KeepaliveMsg.class);
    if (msg == null) {
      throw JaisException.invalid("keepalive: missing body");
    }
    return Response.json(requirePrimary().keepalive(msg, request.requireIntraCaller()));
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
