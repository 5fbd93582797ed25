package io.jais.node.launch;

import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.LocalConfig;
import io.jais.node.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N proxies and M targets in one JVM on loopback: the playground and every integration test. Each
 * node has its own directory under {@code dir} ({@code proxy-<i>/} with its logs in {@code
 * proxy-<i>/log}, {@code target-<i>/meta}, {@code target-<i>/log}, {@code target-<i>/mp<k>}), so a
 * cluster started again on the same directory comes back with its buckets and objects. With {@code
 * basePort} 0 every node takes a free port.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final int basePort;
  private final int mountpathsPerTarget;
  private final List<Node> proxies = new ArrayList<>();
  private final List<Node> targets = new ArrayList<>();
  private final java.util.Set<Node> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LocalCluster(Path dir, int basePort, int mountpathsPerTarget) {
    this.dir = dir;
    this.basePort = basePort;
    this.mountpathsPerTarget = mountpathsPerTarget;
  }

  /** Starts the cluster and returns once every node has joined and holds the same cluster map. */
  public static LocalCluster start(Path dir, int proxies, int targets, int basePort, int mountpathsPerTarget)
      throws Exception {
    if (proxies < 1 || targets < 1) {
      throw new IllegalArgumentException("a cluster needs at least 1 proxy and 1 target, got " + proxies + " and " + targets);
    }
    LocalCluster cluster = new LocalCluster(dir, basePort, mountpathsPerTarget);
    try {
      cluster.proxies.add(Node.start(cluster.proxyConfig(0)));
      List<LocalConfig> others = new ArrayList<>();
      for (int i = 1; i < proxies; i++) {
        others.add(cluster.proxyConfig(i));
      }
      for (int i = 0; i < targets; i++) {
        others.add(cluster.targetConfig(i));
      }
      for (Node node : startAll(others)) {
        (node.snode().isTarget() ? cluster.targets : cluster.proxies).add(node);
      }
      cluster.awaitStable(Duration.ofSeconds(30));
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  private static List<Node> startAll(List<LocalConfig> configs) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Node>> started = new ArrayList<>();
      for (LocalConfig config : configs) {
        started.add(pool.submit(() -> Node.start(config)));
      }
      List<Node> nodes = new ArrayList<>();
      for (Future<Node> f : started) {
        nodes.add(f.get());
      }
      return nodes;
    }
  }

  private LocalConfig proxyConfig(int index) {
    int port = basePort == 0 ? 0 : basePort + index;
    String primaryUrl = index == 0 ? "" : primary().url();
    return new LocalConfig(NodeRole.PROXY, "", "127.0.0.1", "", port, dir.resolve("proxy-" + index).toString(),
        List.of(), primaryUrl, controlPort(port), 0, secretFile().toString(), "");
  }

  private LocalConfig targetConfig(int index) throws IOException {
    int port = basePort == 0 ? 0 : basePort + 100 + index;
    Path home = dir.resolve("target-" + index);
    List<String> mountpaths = new ArrayList<>();
    for (int k = 1; k <= mountpathsPerTarget; k++) {
      Path mp = Files.createDirectories(home.resolve("mp" + k));
      mountpaths.add(mp.toString());
    }
    return new LocalConfig(NodeRole.TARGET, "", "127.0.0.1", "", port, home.resolve("meta").toString(), mountpaths,
        primary().url(), controlPort(port), 0, secretFile().toString(), home.resolve("log").toString());
  }

  /** As AIS lays out its ports: control 1000 above public (8080 -> 9080); picked when the public one is. */
  private static int controlPort(int port) {
    return port == 0 ? 0 : port + 1000;
  }

  /**
   * Waits until the primary's map holds exactly the running nodes, as they are now (a restarted
   * node may have a new address), and every node has that map.
   *
   * @throws IllegalStateException when the cluster does not settle in time
   */
  public void awaitStable(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isStable()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("cluster did not settle within " + timeout + ": primary has "
        + primary().state().smap().nodeCount() + " of " + (proxies.size() + targets.size()) + " nodes");
  }

  private boolean isStable() {
    Smap smap = primary().state().smap();
    List<Node> running = nodes();
    java.util.Set<String> runningIds = new java.util.HashSet<>();
    running.forEach(n -> runningIds.add(n.snode().id()));
    for (Map<String, Snode> members : List.of(smap.proxies(), smap.targets())) {
      for (Snode member : members.values()) {
        if (!runningIds.contains(member.id()) && !member.inMaintenance()) {
          return false; // a stopped node in maintenance (shut down on purpose) keeps its place
        }
      }
    }
    for (Node node : running) {
      Snode inMap = smap.node(node.snode().id());
      // the map's copy carries the node's flags (maintenance), the node's own has none
      if (inMap == null || !node.snode().withFlags(inMap.flags()).equals(inMap)
          || node.state().smap().version() != smap.version()
          || node.state().bmd().version() != primary().state().bmd().version()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cluster's secret, created with it in its directory (a node on another host, or a separate
   * process, joins with a copy of this file).
   */
  public Path secretFile() {
    return dir.resolve("cluster.secret");
  }

  /** The primary proxy's URL: the cluster's endpoint. */
  public String endpoint() {
    return primary().url();
  }

  /** The running proxy that is primary now (after an election or set-primary, not the first one). */
  public Node primary() {
    for (Node proxy : proxies) {
      if (!stopped.contains(proxy) && !proxy.isClosed() && proxy.isPrimary() && proxy.state().isPrimary()) {
        return proxy;
      }
    }
    return proxies.get(0);
  }

  /** Every proxy, stopped ones included (indexes stay those of the start). */
  public List<Node> proxies() {
    return List.copyOf(proxies);
  }

  public List<Node> targets() {
    return List.copyOf(targets);
  }

  /** The running nodes. */
  public List<Node> nodes() {
    List<Node> all = new ArrayList<>(proxies);
    all.addAll(targets);
    all.removeIf(n -> stopped.contains(n) || n.isClosed());
    return all;
  }

  /**
   * Stops proxy {@code index} (the primary, too: the others elect a new one) and waits until the
   * cluster has settled without it.
   */
  public void stopProxy(int index) throws InterruptedException {
    Node proxy = proxies.get(index);
    stopped.add(proxy);
    proxy.close();
    awaitStable(Duration.ofSeconds(60));
  }

  /** Starts a proxy stopped with {@link #stopProxy} on its data and waits until the cluster has it back. */
  public Node startProxy(int index) throws Exception {
    Node old = proxies.get(index);
    LocalConfig config = old.config();
    Node started = Node.start(basePort == 0 ? config.withPorts(0, 0, 0) : config);
    stopped.remove(old);
    proxies.set(index, started);
    awaitStable(Duration.ofSeconds(60));
    return started;
  }

  public Path dir() {
    return dir;
  }

  /** Stops target {@code index} (as a crash would, minus the kill) and starts it again on its data. */
  public Node restartTarget(int index) throws Exception {
    stopTarget(index);
    return startTarget(index);
  }

  /**
   * Stops target {@code index}; it stays in the cluster map until the primary misses its
   * keepalives, as after a crash. {@link #startTarget} brings it back on its data.
   */
  public void stopTarget(int index) {
    targets.get(index).close();
  }

  /** Starts a target stopped with {@link #stopTarget} and waits until the cluster has it back. */
  public Node startTarget(int index) throws Exception {
    LocalConfig config = targets.get(index).config();
    Node started = Node.start(basePort == 0 ? config.withPorts(0, 0, 0) : config);
    targets.set(index, started);
    awaitStable(Duration.ofSeconds(30));
    return started;
  }

  /** Adds one more target and waits until the cluster has taken it in. */
  public Node addTarget() throws Exception {
    Node node = Node.start(targetConfig(targets.size()));
    targets.add(node);
    awaitStable(Duration.ofSeconds(30));
    return node;
  }

  @Override
  public void close() {
    for (Node node : targets) {
      node.close();
    }
    for (int i = proxies.size() - 1; i >= 0; i--) {
      proxies.get(i).close();
    }
  }
}
