package io.jais.node.daemon;

import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Snode;
import io.jais.api.node.NodeStatus;
import io.jais.api.node.TargetSysInfo;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.MetaPayload;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.logs.LogHandler;
import io.jais.node.logs.NodeLogs;
import io.jais.node.metrics.NodeMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Routes every node serves, proxy or target: its view of the cluster and of itself
 * ({@code /v1/daemon}), liveness ({@code /v1/health}) and the receiving end of metasync.
 */
public final class DaemonHandler {
  private final ClusterState state;
  private final BooleanSupplier clusterReady;
  private final MountpathCapacities mountpaths;
  private final HostLoad host = new HostLoad();
  private final NodeMetrics metrics;
  private final LogHandler logs;
  /** The target's mountpaths by state once its store is open (attach, detach, enable, disable change them). */
  private volatile java.util.function.Supplier<io.jais.api.node.MountpathList> mountpathStates;

  /**
   * @param clusterReady whether the cluster as this node sees it can serve requests (for the
   *     primary: every node of its Smap has joined; for others: this node has joined)
   * @param mountpaths the target's mountpath directories, absolute; empty for a proxy
   * @param metrics the node's counters, for {@code node_status}; its uptime is the node's
   * @param logs the node's log files, for {@code what=log}
   */
  public DaemonHandler(ClusterState state, BooleanSupplier clusterReady, List<Path> mountpaths, NodeMetrics metrics,
      NodeLogs logs) {
    this.state = state;
    this.clusterReady = clusterReady;
    this.mountpaths = new MountpathCapacities(mountpaths);
    this.metrics = metrics;
    this.logs = new LogHandler(logs, state.self().displayName());
  }

  /** Reports the mountpaths by state from {@code states} from now on ({@code what=mountpaths}). */
  public void reportMountpaths(java.util.function.Supplier<io.jais.api.node.MountpathList> states) {
    this.mountpathStates = states;
  }

  /** {@code GET /v1/daemon?what=smap|bmd|config|snode|node_status|sysinfo|mountpaths|log}. */
  public Response daemon(Request request) throws IOException {
    String what = request.query(QueryParam.WHAT, "");
    return switch (what) {
      case "smap" -> Response.json(state.smap());
      case "bmd" -> Response.json(state.bmd());
      case "config", "cluster_config" -> Response.json(state.config());
      case "snode" -> Response.json(state.self());
      case "node_status" -> Response.json(nodeStatus());
      case "sysinfo" -> Response.json(isTarget() ? TargetSysInfo.of(host.read(), mountpaths.read()) : host.read());
      case "mountpaths" -> {
        if (!isTarget()) {
          throw JaisException.invalid("what=mountpaths: " + state.self().displayName() + " is a proxy and has no mountpaths");
        }
        java.util.function.Supplier<io.jais.api.node.MountpathList> states = mountpathStates;
        yield Response.json(states != null ? states.get() : mountpaths.list());
      }
      case "log" -> logs.serve(request);
      default -> throw JaisException.invalid("invalid what=\"" + what
          + "\" (expected: smap, bmd, config, snode, node_status, sysinfo, mountpaths or log)");
    };
  }

  /** AIS {@code stats.NodeStatus}: the status a node reports about itself, with its counters. */
  private NodeStatus nodeStatus() {
    Snode inMap = state.smap().node(state.self().id()); // the map's copy has the current flags
    Snode self = inMap == null ? state.self() : inMap;
    return new NodeStatus(statusOf(self), deployment(), version(), "", System.getenv().getOrDefault("MY_POD", ""),
        self, metrics.tracker(), mountpaths.read(), host.read(),
        state.smap().version());
  }

  /** Empty when online, as AIS says it. */
  public static String statusOf(Snode node) {
    if ((node.flags() & Snode.MAINTENANCE) != 0) {
      return "maintenance";
    }
    return (node.flags() & Snode.DECOMMISSIONING) != 0 ? "decommission" : "";
  }

  private boolean isTarget() {
    return state.self().role() == NodeRole.TARGET;
  }

  /** As AIS: {@code K8s} in Kubernetes, else the operating system's name ({@code linux}). */
  private static String deployment() {
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      return "K8s";
    }
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).split(" ")[0];
  }

  private static String version() {
    String version = DaemonHandler.class.getPackage().getImplementationVersion();
    return version == null ? "" : version;
  }

  private long uptimeNanos() {
    return metrics.uptimeNanos();
  }

  /** {@code GET /v1/health[?prr=true]}: 200 when up; with prr, only once the cluster is ready. */
  public Response health(Request request) {
    boolean primaryReady = request.queryBool(QueryParam.PRIMARY_READY, false);
    if (primaryReady && !clusterReady.getAsBoolean()) {
      throw new JaisException(ErrorCode.UNAVAILABLE, state.self().displayName() + ": cluster is starting up");
    }
    long uptime = uptimeNanos();
    return Response.builder(200)
        .header(Header.NODE_UPTIME, Long.toString(uptime))
        .header(Header.CLUSTER_UPTIME, Long.toString(uptime))
        .build();
  }

  /**
   * {@code PUT /v1/metasync} (control port, nodes only): takes newer metadata versions pushed by
   * the primary, and from nobody else.
   */
  public Response metasync(Request request) throws IOException {
    String sender = request.requireIntraCaller();
    MetaPayload payload = request.bodyJson(MetaPayload.class);
    if (payload == null) {
      throw JaisException.invalid("metasync: empty body");
    }
    state.acceptFrom(sender, payload);
    return Response.ok();
  }
}
