package io.jais.node.cluster;

import io.jais.api.ApiPath;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.cluster.Snode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-primary node's tie to the primary: joins at start (retrying until the primary answers),
 * then sends keepalives, taking any newer metadata from the replies, and joins again if the
 * primary has dropped it (for example after a long pause).
 */
public final class PrimaryLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrimaryLink.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final ClusterState state;
  private final IntraClient intra;
  private final String configuredPrimaryUrl;
  private final CountDownLatch joined = new CountDownLatch(1);
  /** Flips after a failed call, to try the other known primary address next time. */
  private volatile boolean useConfigured;
  private volatile boolean closed;
  private volatile Thread loop;

  public PrimaryLink(ClusterState state, IntraClient intra, String configuredPrimaryUrl) {
    this.state = state;
    this.intra = intra;
    this.configuredPrimaryUrl = configuredPrimaryUrl;
  }

  public void start() {
    loop = Thread.ofVirtual().name("primary-link").start(this::run);
  }

  /** Waits until the first join succeeded; false on timeout. */
  public boolean awaitJoined(Duration timeout) throws InterruptedException {
    return joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    boolean member = false;
    while (!closed) {
      try {
        if (!member) {
          join();
          member = true;
          joined.countDown();
        } else {
          keepalive();
        }
      } catch (JaisException e) {
        if (!member) {
          // a stale address may now belong to another node: try the other address next time
          LOG.debug("{}: join via {} refused: {}", state.self().displayName(), primaryUrl(), e.getMessage());
          useConfigured = !useConfigured;
        } else if (e.code() == ErrorCode.NOT_FOUND) {
          LOG.warn("{}: the primary dropped this node; joining again", state.self().displayName());
          member = false;
        } else {
          LOG.warn("{}: primary refused the keepalive: {}", state.self().displayName(), e.getMessage());
        }
      } catch (IOException e) {
        LOG.debug("{}: primary at {} unreachable: {}", state.self().displayName(), primaryUrl(), e.toString());
        useConfigured = !useConfigured;
      }
      if (!pause(member)) {
        return;
      }
    }
  }

  private void join() throws IOException {
    MetaPayload reply = intra.json("POST", primaryUrl() + ApiPath.CLUSTER_JOIN, state.self(), MetaPayload.class,
        CALL_TIMEOUT);
    if (reply != null) {
      state.accept(reply);
    }
    LOG.info("{} joined cluster {} (Smap v{})", state.self().displayName(), state.clusterUuid(),
        state.smap().version());
  }

  private void keepalive() throws IOException {
    KeepaliveMsg msg = new KeepaliveMsg(state.self().id(), state.smap().version(), state.bmd().version(),
        state.config().version());
    MetaPayload reply = intra.json("POST", primaryUrl() + ApiPath.CLUSTER_KEEPALIVE, msg, MetaPayload.class,
        CALL_TIMEOUT);
    if (reply != null && !reply.isEmpty()) {
      state.accept(reply);
    }
  }

  /**
   * The primary named by our Smap, or the configured one: before we have a Smap, and in turns
   * with the Smap's when calls fail (a whole cluster restarted on new ports has a stale Smap).
   */
  private String primaryUrl() {
    Snode primary = state.smap().primary();
    return primary == null || useConfigured ? configuredPrimaryUrl : primary.controlUrl();
  }

  private boolean pause(boolean member) {
    Duration wait = member ? state.config().keepalive().intervalDuration() : Duration.ofMillis(200);
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = loop;
    if (t != null) {
      t.interrupt();
    }
  }
}
