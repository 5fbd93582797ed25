package io.jais.node.cluster;

import io.jais.api.ApiPath;
import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ClusterConfig;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary proxy's control plane: forms the cluster, admits joining nodes, tracks their
 * liveness, removes the ones that are gone, and is the only writer of the Smap, BMD and config.
 * Each change is persisted locally, then pushed to every node with {@link Metasync}.
 *
 * <p>Design notes. A node is removed only when it is gone, not when it is busy: (1) any
 * intra-cluster message counts as a sign of life ({@link Liveness}), not only keepalives; (2) a
 * node silent for {@code keepalivetracker.timeout} is probed directly on its control port, up to
 * {@link #PROBES} times, and only a node that answers none is removed; (3) all of it runs on
 * platform threads and control connections of its own, so data traffic cannot starve it. A
 * removed node that comes back is told to join again by its next keepalive and catches up on
 * metadata with the join reply.
 */
public final class Primary implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Primary.class);
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Direct health probes of a silent node before it is removed. */
  static final int PROBES = 3;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final ClusterState state;
  private final Metasync metasync;
  private final IntraClient control;
  private final Liveness liveness;
  private final Set<String> probing = ConcurrentHashMap.newKeySet();
  private volatile Thread tracker;
  private volatile boolean closed;

  /**
   * @param control the node's control-plane client (probes)
   * @param liveness when each node was last heard from, fed by every verified request and answer
   */
  public Primary(ClusterState state, Metasync metasync, IntraClient control, Liveness liveness) {
    this.state = state;
    this.metasync = metasync;
    this.control = control;
    this.liveness = liveness;
  }

  /**
   * Forms a new cluster on first start, or resumes the persisted one with this node as primary.
   * Nodes of a resumed Smap get a keepalive grace period before they can be dropped.
   */
  public void start() {
    Snode self = state.self();
    Smap current = state.smap();
    String uuid = current.uuid().isEmpty() ? newClusterUuid() : current.uuid();
    state.smapOwner().update(uuid, s -> {
      boolean same = self.equals(s.primary()) && self.equals(s.node(self.id()));
      if (same) {
        return s;
      }
      String created = s.creationTime().isEmpty() ? ZonedDateTime.now(ZoneOffset.UTC).format(CREATED) : s.creationTime();
      return s.withPrimary(self, created);
    });
    state.bmdOwner().update(uuid, b -> b.uuid().isEmpty() ? b.withVersion(uuid, b.version()) : b);
    state.configOwner().update(uuid, c -> c.uuid().isEmpty() ? c.withVersion(uuid, c.version()) : c);
    state.smap().proxies().keySet().forEach(liveness::reset);
    state.smap().targets().keySet().forEach(liveness::reset);
    Thread t = new Thread(this::trackLoop, "keepalive-tracker-" + self.id());
    t.setDaemon(true);
    t.setPriority(Thread.MAX_PRIORITY);
    tracker = t;
    t.start();
    LOG.info("{} is primary of cluster {} (Smap v{})", self.displayName(), uuid, state.smap().version());
  }

  /** After taking over (elected, or handed the role): every node gets every document from us. */
  public void announce() {
    int missed = metasync.push(state.snapshot());
    LOG.info("{} announced itself primary (Smap v{}); {} node(s) missed it and catch up on keepalive",
        state.self().displayName(), state.smap().version(), missed);
  }

  private static String newClusterUuid() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /**
   * Admits a node (or updates its address); replies with all current metadata.
   *
   * @param caller the node the request verified as coming from: it may only join as itself
   */
  public MetaPayload join(Snode node, String caller) {
    if (node.id() == null || node.id().isEmpty() || node.role() == null || node.publicNet() == null) {
      throw JaisException.invalid("join: node ID, role and public_net are required");
    }
    if (!node.id().equals(caller)) {
      throw new JaisException(ErrorCode.FORBIDDEN, "join: " + caller + " may not join as " + node.id());
    }
    liveness.reset(node.id());
    Smap before = state.smap();
    Smap after = state.smapOwner().update(state.clusterUuid(), s -> withJoined(s, node));
    if (after != before) {
      LOG.info("{} joined (Smap v{})", node.displayName(), after.version());
      metasync.push(new MetaPayload(after, null, null), node.id());
    }
    return state.snapshot();
  }

  /**
   * The map with {@code node} in it; a node that is back keeps the flags the map has for it (a node
   * restarted in maintenance stays in maintenance until stop-maintenance).
   */
  private static Smap withJoined(Smap s, Snode node) {
    Snode known = s.node(node.id());
    Snode joined = known == null ? node : node.withFlags(known.flags());
    return joined.equals(known) ? s : s.withNode(joined);
  }

  /**
   * A node added by an admin (it did not ask to join): in the next map, pushed to every node, itself
   * included, which learns its primary from that push.
   */
  public Smap admit(Snode node) {
    liveness.reset(node.id());
    Smap before = state.smap();
    Smap after = state.smapOwner().update(state.clusterUuid(), s -> withJoined(s, node));
    if (after != before) {
      metasync.push(new MetaPayload(after, null, null));
    }
    return after;
  }

  /** Changes the Smap and waits until every reachable node has the new version. */
  public Smap updateSmap(UnaryOperator<Smap> change) {
    Smap before = state.smap();
    Smap after = state.smapOwner().update(state.clusterUuid(), change);
    if (after != before) {
      metasync.push(new MetaPayload(after, null, null));
    }
    return after;
  }

  /**
   * Records a keepalive; replies with the metadata the node lacks, or asks a node that is not in
   * the map (it was removed while unreachable) to join again.
   */
  public KeepaliveReply keepalive(KeepaliveMsg msg, String caller) {
    if (!msg.nodeId().equals(caller)) {
      throw new JaisException(ErrorCode.FORBIDDEN, "keepalive: " + caller + " may not report for " + msg.nodeId());
    }
    if (!state.smap().contains(msg.nodeId())) {
      return KeepaliveReply.rejoinFirst();
    }
    return KeepaliveReply.newer(state.newerThan(msg.smapVersion(), msg.bmdVersion(), msg.configVersion(),
        msg.rmdVersion()));
  }

  /**
   * Hands the primary role to proxy {@code id} (set-primary): the next Smap version names it
   * primary and goes to every node, the new primary included, which takes over on receipt; this
   * node steps down when it publishes that version. The new primary must answer a health probe
   * first, so the cluster is never handed to a proxy that cannot take it.
   *
   * @throws JaisException NOT_FOUND for an unknown node; INVALID_ARGUMENT for a target or a proxy
   *     that may not be primary (non-electable, in maintenance); UNAVAILABLE when it does not answer
   */
  public Smap handOver(String id) {
    Smap smap = state.smap();
    Snode node = smap.node(id);
    if (node == null) {
      throw new JaisException(ErrorCode.NOT_FOUND, "set-primary: node " + id + " is not in the cluster map (v"
          + smap.version() + ")");
    }
    if (node.isTarget()) {
      throw JaisException.invalid("set-primary: " + node.displayName() + " is a target; only a proxy can be primary");
    }
    if (!node.isElectable()) {
      throw JaisException.invalid("set-primary: " + node.displayName()
          + " cannot be primary (it is non-electable, in maintenance or being decommissioned)");
    }
    if (smap.isPrimary(id)) {
      return smap;
    }
    try {
      control.bytes("GET", node.controlUrl() + ApiPath.HEALTH, null, null, PROBE_TIMEOUT);
    } catch (Exception e) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "set-primary: " + node.displayName() + " does not answer: " + e);
    }
    Smap after = state.smapOwner().update(state.clusterUuid(), s -> s.withPrimary(s.node(id), s.creationTime()));
    LOG.warn("{} hands the primary role to {} (Smap v{})", state.self().displayName(), node.displayName(),
        after.version());
    metasync.push(new MetaPayload(after, null, null));
    return after;
  }

  /** Changes the BMD and waits until every reachable node has the new version. */
  public Bmd updateBmd(UnaryOperator<Bmd> change) {
    Bmd before = state.bmd();
    Bmd after = state.bmdOwner().update(state.clusterUuid(), change);
    if (after != before) {
      metasync.push(new MetaPayload(null, after, null));
    }
    return after;
  }

  /** Changes the cluster config and waits until every reachable node has the new version. */
  public ClusterConfig updateConfig(UnaryOperator<ClusterConfig> change) {
    ClusterConfig before = state.config();
    ClusterConfig after = state.configOwner().update(state.clusterUuid(), change);
    if (after != before) {
      metasync.push(new MetaPayload(null, null, after));
    }
    return after;
  }

  private void trackLoop() {
    while (!closed) {
      try {
        Thread.sleep(state.config().keepalive().intervalDuration());
      } catch (InterruptedException e) {
        return;
      }
      try {
        probeSilentNodes(state.config().keepalive().timeoutDuration());
      } catch (RuntimeException e) {
        LOG.warn("keepalive tracker: {}", e.toString());
      }
    }
  }

  private void probeSilentNodes(Duration timeout) {
    Smap smap = state.smap();
    for (var nodes : java.util.List.of(smap.proxies(), smap.targets())) {
      for (Snode node : nodes.values()) {
        // a node in maintenance may be shut down on purpose: it keeps its place until it is back
        if (!node.id().equals(state.self().id()) && !node.inMaintenance()
            && liveness.silenceNanos(node.id(), 0) >= timeout.toNanos()
            && probing.add(node.id())) {
          Thread prober = new Thread(() -> probeThenDrop(node, timeout), "probe-" + node.id());
          prober.setDaemon(true);
          prober.start();
        }
      }
    }
  }

  /** Asks a silent node directly whether it is alive; removes it only when it never answers. */
  private void probeThenDrop(Snode node, Duration timeout) {
    try {
      for (int attempt = 1; attempt <= PROBES && !closed; attempt++) {
        try {
          control.bytes("GET", node.controlUrl() + ApiPath.HEALTH, null, null, PROBE_TIMEOUT);
          liveness.heard(node.id());
          if (deposed(node)) {
            return;
          }
          LOG.info("{} was silent for over {} but answers its health probe: kept", node.displayName(), timeout);
          return;
        } catch (Exception e) {
          LOG.debug("probe {} of {} failed: {}", attempt, node.displayName(), e.toString());
        }
        if (liveness.silenceNanos(node.id(), 0) < timeout.toNanos()) {
          return; // it spoke up meanwhile
        }
      }
      if (!closed) {
        drop(node.id(), timeout);
      }
    } finally {
      probing.remove(node.id());
    }
  }

  /**
   * A node that is alive but silent may be keeping alive with another primary, elected while this
   * one was cut off or frozen: when its map of our cluster is newer and names another primary,
   * this node takes that map (and so steps down).
   */
  private boolean deposed(Snode node) {
    try {
      Smap theirs = io.jais.api.json.WireJson.parse(control.bytes("GET", node.controlUrl() + ApiPath.DAEMON + "?"
          + io.jais.api.QueryParam.WHAT + "=smap", null, null, PROBE_TIMEOUT), Smap.class);
      Smap ours = state.smap();
      if (theirs.uuid().equals(ours.uuid()) && theirs.version() > ours.version() && theirs.primary() != null
          && !theirs.isPrimary(state.self().id())) {
        LOG.warn("{}: {} follows primary {} (Smap v{} > v{}): stepping down", state.self().displayName(),
            node.displayName(), theirs.primary().id(), theirs.version(), ours.version());
        state.smapOwner().accept(theirs);
        return true;
      }
    } catch (Exception e) {
      LOG.debug("cannot read the map of {}: {}", node.displayName(), e.toString());
    }
    return false;
  }

  private void drop(String id, Duration timeout) {
    Smap after = state.smapOwner().update(state.clusterUuid(), s -> s.contains(id) ? s.withoutNode(id) : s);
    liveness.forget(id);
    LOG.warn("node {} silent for over {} and failed {} health probes: removed (Smap v{})", id, timeout, PROBES,
        after.version());
    metasync.push(new MetaPayload(after, null, null));
  }

  @Override
  public void close() {
    closed = true;
    Thread t = tracker;
    if (t != null) {
      t.interrupt();
    }
  }
}
