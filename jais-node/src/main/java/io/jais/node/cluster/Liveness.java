package io.jais.node.cluster;

import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When this node last heard from each other node. Any intra-cluster message counts, as in AIS: a
 * request that verified as coming from a node ({@link IntraAuth#verify}) and an answer a node gave
 * to one of ours ({@link IntraClient}). A busy node keeps talking on the data path long after its
 * keepalives are late, so it is slow, not gone. The primary reads it to decide whom to probe.
 */
public final class Liveness {
  private final ClusterState state;
  private final LongSupplier nanoClock;
  private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
  /** host:port of every network of every node of one Smap version, to name the node an answer came from. */
  private volatile Addresses addresses = new Addresses(null, Map.of());

  private record Addresses(Smap smap, Map<String, String> nodeByHostPort) {}

  public Liveness(ClusterState state, LongSupplier nanoClock) {
    this.state = state;
    this.nanoClock = nanoClock;
  }

  /** Records a sign of life of {@code nodeId} now. */
  public void heard(String nodeId) {
    lastHeard.put(nodeId, nanoClock.getAsLong());
  }

  /** Records a sign of life of whichever node of the Smap serves {@code url}. */
  public void answeredFrom(URI url) {
    String node = addresses().get(url.getHost() + ":" + url.getPort());
    if (node != null) {
      heard(node);
    }
  }

  private Map<String, String> addresses() {
    Smap smap = state.smap();
    Addresses current = addresses;
    if (current.smap() != smap) {
      Map<String, String> byHostPort = new java.util.HashMap<>();
      for (Map<String, Snode> nodes : java.util.List.of(smap.proxies(), smap.targets())) {
        for (Snode node : nodes.values()) {
          byHostPort.put(hostPort(node.url()), node.id());
          byHostPort.put(hostPort(node.controlUrl()), node.id());
        }
      }
      current = new Addresses(smap, Map.copyOf(byHostPort));
      addresses = current;
    }
    return current.nodeByHostPort();
  }

  private static String hostPort(String url) {
    URI uri = URI.create(url);
    return uri.getHost() + ":" + uri.getPort();
  }

  /** Nanoseconds since {@code nodeId} was last heard from; {@code fallback} when never. */
  public long silenceNanos(String nodeId, long fallback) {
    Long at = lastHeard.get(nodeId);
    return at == null ? fallback : nanoClock.getAsLong() - at;
  }

  /** Starts the clock of a node afresh (admitted, or the primary took over). */
  public void reset(String nodeId) {
    heard(nodeId);
  }

  public void forget(String nodeId) {
    lastHeard.remove(nodeId);
  }
}
