package io.jais.node.cluster;

import io.jais.api.ApiPath;
import io.jais.api.cluster.Snode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's push of new metadata versions to every other node.
 *
 * <p>Design notes. A push goes to all nodes of the current Smap in parallel and waits for them (up
 * to a timeout), so a bucket created through the primary is known to every target before the
 * client hears "created". A node that misses a push is not retried here: its next keepalive
 * reports its versions and the primary answers with whatever it lacks, so every node converges
 * within one keepalive interval. Receivers accept only newer versions of the same cluster, which
 * makes duplicate and reordered pushes harmless.
 */
public final class Metasync {
  private static final Logger LOG = LoggerFactory.getLogger(Metasync.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ClusterState state;
  private final IntraClient intra;

  public Metasync(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  /** Pushes the payload to every node but this one; returns how many did not take it. */
  public int push(MetaPayload payload) {
    return push(payload, state.self().id());
  }

  /**
   * Pushes the payload to every node but this one and {@code skipped} (a joining node, which has
   * it in its join reply); returns how many did not take it.
   */
  public int push(MetaPayload payload, String skipped) {
    List<Snode> peers = new ArrayList<>();
    state.smap().proxies().values().forEach(peers::add);
    state.smap().targets().values().forEach(peers::add);
    peers.removeIf(node -> node.id().equals(state.self().id()) || node.id().equals(skipped));
    if (peers.isEmpty() || payload.isEmpty()) {
      return 0;
    }
    int failed = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sends = new ArrayList<>();
      for (Snode peer : peers) {
        sends.add(pool.submit(() -> send(peer, payload)));
      }
      for (int i = 0; i < sends.size(); i++) {
        if (!completed(sends.get(i), peers.get(i))) {
          failed++;
        }
      }
    }
    return failed;
  }

  private Void send(Snode peer, MetaPayload payload) throws Exception {
    intra.json("PUT", peer.controlUrl() + ApiPath.METASYNC, payload, Void.class, TIMEOUT);
    return null;
  }

  private static boolean completed(Future<?> send, Snode peer) {
    try {
      send.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      send.cancel(true);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.warn("metasync to {} failed (it will catch up on its next keepalive): {}", peer.displayName(),
          cause.toString());
      return false;
    }
  }
}
