package io.jais.node.cluster;

import io.jais.api.ActMsg;
import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.cluster.RmNodeMsg;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node lifecycle on the primary, as AIS serves it: maintenance on and off, decommission, shutdown
 * of nodes and of the cluster, and nodes added by an admin. Every step is a new Smap version
 * pushed to all nodes; the node flags ({@link Snode#MAINTENANCE}, {@link Snode#DECOMMISSIONING})
 * take the node out of object placement ({@link Smap#activeTargets}) and of primary election.
 *
 * <p>Design notes.
 * <ul>
 *   <li>One membership change at a time (a second one is 409 busy), so two changes never
 *       interleave their Smap versions and waits.
 *   <li>Decommission: flag, wait for the rebalance of that Smap version ({@link RebalanceWait}),
 *       tell the node to leave (it stops its keepalives first, so it cannot join again), then
 *       remove it. Shutdown of a node: maintenance, wait, then tell it to stop; it stays in the
 *       map in maintenance (its silence does not remove it) and is back in maintenance when it
 *       restarts, until {@code stop-maintenance}.
 *   <li>The primary itself is refused (hand the role over with set-primary first), as AIS does.
 * </ul>
 */
public final class Membership {
  private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
  /** Node-side actions ({@code PUT /v1/daemon} on its control port, from the primary). */
  public static final String LEAVE_SHUTDOWN = "shutdown-node";
  public static final String LEAVE_DECOMMISSION = "decommission-node";
  public static final String LEAVE_CLUSTER_SHUTDOWN = "shutdown";
  private static final Duration REBALANCE_TIMEOUT = Duration.ofHours(24);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final ClusterState state;
  private final Primary primary;
  private final IntraClient control;
  private final RebalanceWait rebalance;
  private final ReentrantLock busy = new ReentrantLock();

  public Membership(ClusterState state, Primary primary, IntraClient control, RebalanceWait rebalance) {
    this.state = state;
    this.primary = primary;
    this.control = control;
    this.rebalance = rebalance;
  }

  /** {@code start-maintenance}: the nodes stop owning objects (targets) and being electable (proxies). */
  public String startMaintenance(RmNodeMsg msg) throws InterruptedException {
    return exclusive("start-maintenance", () -> {
      List<Snode> nodes = nodes(msg, "start-maintenance");
      for (Snode node : nodes) {
        if (node.isDecommissioning()) {
          throw JaisException.invalid(node.displayName() + " is being decommissioned");
        }
      }
      Smap flagged = setFlags(nodes, Snode.MAINTENANCE, 0);
      return awaitRebalance(msg, nodes, flagged);
    });
  }

  /** {@code stop-maintenance}: the nodes take part again. */
  public String stopMaintenance(RmNodeMsg msg) throws InterruptedException {
    return exclusive("stop-maintenance", () -> {
      List<Snode> nodes = nodes(msg, "stop-maintenance");
      for (Snode node : nodes) {
        if (!node.inMaintenance()) {
          throw JaisException.invalid(node.displayName() + " is not in maintenance");
        }
      }
      Smap cleared = setFlags(nodes, 0, Snode.MAINTENANCE);
      return awaitRebalance(msg, nodes, cleared);
    });
  }

  /**
   * {@code decommission-node}: flagged, the rebalance of that version awaited, told to leave (with
   * {@code rm_user_data}, it deletes its objects), removed from the map.
   */
  public String decommission(RmNodeMsg msg) throws InterruptedException {
    if (msg.noShutdown()) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "decommission-node with no_shutdown is not implemented in JAIS");
    }
    return exclusive("decommission-node", () -> {
      List<Snode> nodes = nodes(msg, "decommission-node");
      Smap flagged = setFlags(nodes, Snode.DECOMMISSIONING, 0);
      String rebalanceId = awaitRebalance(msg, nodes, flagged);
      tellToLeave(nodes, ActMsg.of(LEAVE_DECOMMISSION, WireJson.MAPPER.valueToTree(msg)));
      List<String> ids = nodes.stream().map(Snode::id).toList();
      Smap removed = primary.updateSmap(s -> {
        Smap out = s;
        for (String id : ids) {
          out = out.withoutNode(id);
        }
        return out;
      });
      LOG.warn("decommissioned {} (Smap v{})", ids, removed.version());
      return rebalanceId;
    });
  }

  /** {@code shutdown-node}: into maintenance (their objects moved first), then told to stop. */
  public String shutdownNodes(RmNodeMsg msg) throws InterruptedException {
    return exclusive("shutdown-node", () -> {
      List<Snode> nodes = nodes(msg, "shutdown-node");
      Smap flagged = setFlags(nodes, Snode.MAINTENANCE, 0);
      String rebalanceId = awaitRebalance(msg, nodes, flagged);
      tellToLeave(nodes, ActMsg.of(LEAVE_SHUTDOWN, WireJson.MAPPER.valueToTree(msg)));
      return rebalanceId;
    });
  }

  /** {@code shutdown}: every other node is told to stop; the caller then stops this one. */
  public void shutdownCluster() throws InterruptedException {
    exclusive("shutdown", () -> {
      Smap smap = state.smap();
      List<Snode> others = new ArrayList<>(smap.targets().values());
      others.addAll(smap.proxies().values());
      others.removeIf(n -> n.id().equals(state.self().id()));
      tellToLeave(others, ActMsg.of(LEAVE_CLUSTER_SHUTDOWN));
      return "";
    });
  }

  /**
   * {@code POST /v1/cluster/join-by-admin}: adds the node listening at {@code url} (started without
   * a primary to join, so it waits to be added): its description is read from it, it enters the
   * next map, and the push of that map tells it its primary.
   *
   * @return the node's ID
   */
  public String adminJoin(String url) throws InterruptedException {
    return exclusive("join-by-admin", () -> {
      Snode node;
      Smap theirs;
      try {
        node = WireJson.parse(control.bytes("GET", url + ApiPath.DAEMON + "?" + QueryParam.WHAT + "=snode", null, null,
            CALL_TIMEOUT), Snode.class);
        theirs = WireJson.parse(control.bytes("GET", url + ApiPath.DAEMON + "?" + QueryParam.WHAT + "=smap", null, null,
            CALL_TIMEOUT), Smap.class);
      } catch (java.io.IOException e) {
        throw new JaisException(ErrorCode.UNAVAILABLE, "join-by-admin: no JAIS node answers at " + url + ": " + e);
      }
      if (node == null || node.id() == null || node.role() == null) {
        throw JaisException.invalid("join-by-admin: " + url + " did not describe itself as a node");
      }
      if (!theirs.uuid().isEmpty() && !theirs.uuid().equals(state.clusterUuid())) {
        throw new JaisException(ErrorCode.CONFLICT, "join-by-admin: " + node.displayName() + " at " + url
            + " belongs to cluster " + theirs.uuid() + " (this is " + state.clusterUuid() + ")");
      }
      Smap after = primary.admit(node);
      LOG.info("{} added by an admin (Smap v{})", node.displayName(), after.version());
      return node.id();
    });
  }

  private interface Change {
    String run() throws InterruptedException;
  }

  private String exclusive(String action, Change change) throws InterruptedException {
    if (!busy.tryLock()) {
      throw new JaisException(ErrorCode.BUSY, action + ": another membership change is in progress; try again");
    }
    try {
      return change.run();
    } finally {
      busy.unlock();
    }
  }

  /** The named nodes, each in the map and none the primary. */
  private List<Snode> nodes(RmNodeMsg msg, String action) {
    if (msg == null) {
      throw JaisException.invalid(action + ": missing value {\"sid\": \"<node ID>\"}");
    }
    Smap smap = state.smap();
    List<Snode> nodes = new ArrayList<>();
    for (String id : msg.nodeIds()) {
      Snode node = smap.node(id);
      if (node == null) {
        throw new JaisException(ErrorCode.NOT_FOUND, action + ": node " + id + " is not in the cluster map (v"
            + smap.version() + ")");
      }
      if (smap.isPrimary(id)) {
        throw JaisException.invalid(action + ": " + node.displayName() + " is the current primary, cannot perform "
            + "action \"" + action + "\" on itself (move the primary with set-primary first)");
      }
      nodes.add(node);
    }
    return nodes;
  }

  private Smap setFlags(List<Snode> nodes, long set, long clear) {
    Smap after = primary.updateSmap(s -> {
      Smap out = s;
      for (Snode node : nodes) {
        Snode now = out.node(node.id());
        if (now != null) {
          out = out.withFlags(now.id(), (now.flags() | set) & ~clear);
        }
      }
      return out;
    });
    LOG.info("flags of {}: +{} -{} (Smap v{})", nodes.stream().map(Snode::id).toList(), set, clear, after.version());
    return after;
  }

  /**
   * Waits for the rebalance of {@code smap}'s version when targets changed and the caller did not
   * ask to skip it. The rebalance itself starts on its own, from the published map.
   */
  private String awaitRebalance(RmNodeMsg msg, List<Snode> nodes, Smap smap) throws InterruptedException {
    if (msg.skipRebalance() || nodes.stream().noneMatch(Snode::isTarget)) {
      return "";
    }
    return rebalance.awaitFinished(smap.version(), REBALANCE_TIMEOUT);
  }

  /** Asks each node to leave (shutdown or decommission); one that does not answer is gone already. */
  private void tellToLeave(List<Snode> nodes, ActMsg msg) {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Snode node : nodes) {
        pool.submit(() -> {
          try {
            control.json("PUT", node.controlUrl() + ApiPath.DAEMON, msg, Void.class, CALL_TIMEOUT);
          } catch (Exception e) {
            LOG.warn("{}: {} not delivered ({}); treating it as gone", node.displayName(), msg.action(), e.toString());
          }
        });
      }
    }
  }
}
