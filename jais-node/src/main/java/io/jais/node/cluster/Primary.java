package io.jais.node.cluster;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary proxy's control plane: forms the cluster, admits joining nodes, tracks their
 * keepalives, removes the silent ones, and is the only writer of the Smap, BMD and config. Each
 * change is persisted locally, then pushed to every node with {@link Metasync}.
 */
public final class Primary implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Primary.class);
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ClusterState state;
  private final Metasync metasync;
  private final Map<String, Long> lastSeenNanos = new ConcurrentHashMap<>();
  private volatile Thread tracker;
  private volatile boolean closed;

  public Primary(ClusterState state, Metasync metasync) {
    this.state = state;
    this.metasync = metasync;
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
    long now = System.nanoTime();
    state.smap().proxies().keySet().forEach(id -> lastSeenNanos.put(id, now));
    state.smap().targets().keySet().forEach(id -> lastSeenNanos.put(id, now));
    tracker = Thread.ofVirtual().name("keepalive-tracker").start(this::trackLoop);
    LOG.info("{} is primary of cluster {} (Smap v{})", self.displayName(), uuid, state.smap().version());
  }

  private static String newClusterUuid() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Admits a node (or updates its address); replies with all current metadata. */
  public MetaPayload join(Snode node) {
    if (node.id() == null || node.id().isEmpty() || node.role() == null || node.publicNet() == null) {
      throw JaisException.invalid("join: node ID, role and public_net are required");
    }
    lastSeenNanos.put(node.id(), System.nanoTime());
    Smap before = state.smap();
    Smap after = state.smapOwner().update(state.clusterUuid(),
        s -> node.equals(s.node(node.id())) ? s : s.withNode(node));
    if (after != before) {
      LOG.info("{} joined (Smap v{})", node.displayName(), after.version());
      metasync.push(new MetaPayload(after, null, null));
    }
    return state.snapshot();
  }

  /** Records a keepalive; replies with the metadata the node lacks. */
  public MetaPayload keepalive(KeepaliveMsg msg) {
    if (!state.smap().contains(msg.nodeId())) {
      throw new JaisException(ErrorCode.NOT_FOUND, "node " + msg.nodeId() + " is not in the cluster map: join first");
    }
    lastSeenNanos.put(msg.nodeId(), System.nanoTime());
    return state.newerThan(msg.smapVersion(), msg.bmdVersion(), msg.configVersion());
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
      Duration interval = state.config().keepalive().intervalDuration();
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      removeSilentNodes(state.config().keepalive().timeoutDuration());
    }
  }

  private void removeSilentNodes(Duration timeout) {
    long now = System.nanoTime();
    Smap smap = state.smap();
    for (String id : smap.proxies().keySet().stream().toList()) {
      dropIfSilent(id, now, timeout);
    }
    for (String id : smap.targets().keySet().stream().toList()) {
      dropIfSilent(id, now, timeout);
    }
  }

  private void dropIfSilent(String id, long now, Duration timeout) {
    if (id.equals(state.self().id())) {
      return;
    }
    long seen = lastSeenNanos.getOrDefault(id, now);
    if (now - seen < timeout.toNanos()) {
      return;
    }
    Smap after = state.smapOwner().update(state.clusterUuid(), s -> s.contains(id) ? s.withoutNode(id) : s);
    lastSeenNanos.remove(id);
    LOG.warn("node {} missed keepalives for {}: removed (Smap v{})", id, timeout, after.version());
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
