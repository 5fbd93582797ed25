package io.jais.node.cluster;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-primary node's tie to the primary: joins at start (retrying until the primary answers),
 * then sends keepalives, taking any newer metadata from the replies, and joins again as soon as
 * the primary says it no longer has this node (it was removed while unreachable).
 *
 * <p>Design notes. Everything goes to the primary's control port, from a platform thread, on the
 * node's control-plane client: data traffic can neither delay a keepalive nor hold its
 * connection. The control URL comes from our Smap; before we have one, from the Smap the
 * configured {@code primary_url} (any proxy's public URL) serves. Without either (a target started
 * without {@code primary_url}) the node waits until an admin adds it and the primary's push names
 * its primary. A primary that has not answered for two keepalive intervals (at least {@link
 * #MIN_DOWN_AFTER}) is reported down, which starts an election ({@link Election}); when the new
 * primary's Smap arrives, the next keepalive goes to it.
 */
public final class PrimaryLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrimaryLink.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  /** The least silence of a primary after which it is reported down. */
  static final Duration MIN_DOWN_AFTER = Duration.ofSeconds(2);

  private final ClusterState state;
  private final IntraClient control;
  private final String configuredPrimaryUrl;
  private final CountDownLatch joined = new CountDownLatch(1);
  /** Told the primary's ID when it has not answered for {@link #downAfter}: starts an election. */
  private final Consumer<String> primaryDown;
  /** When the primary last answered (nanos); 0 before the first answer. */
  private volatile long lastAnswer;
  /** Flips after a failed call, to try the other known primary address next time. */
  private volatile boolean useConfigured;
  private volatile boolean closed;
  private volatile Thread loop;

  /**
   * @param control the node's control-plane client
   * @param primaryDown told the ID of a primary that has not answered for two keepalive intervals
   *     (at least {@link #MIN_DOWN_AFTER}), again on every failed keepalive after that
   */
  public PrimaryLink(ClusterState state, IntraClient control, String configuredPrimaryUrl, Consumer<String> primaryDown) {
    this.state = state;
    this.control = control;
    this.configuredPrimaryUrl = configuredPrimaryUrl;
    this.primaryDown = primaryDown;
  }

  public void start() {
    Thread t = new Thread(this::run, "primary-link-" + state.self().id());
    t.setDaemon(true);
    t.setPriority(Thread.MAX_PRIORITY);
    loop = t;
    t.start();
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
          lastAnswer = System.nanoTime();
        } else if (!keepalive()) {
          LOG.warn("{}: the primary no longer has this node in its map; joining again", state.self().displayName());
          member = false;
          continue; // at once: every second out of the map is a second of refused requests
        }
      } catch (JaisException e) {
        if (e.code() == ErrorCode.UNAUTHORIZED || e.code() == ErrorCode.FORBIDDEN) {
          LOG.warn("{}: the primary refused this node's credentials: {} (do all nodes share the cluster secret file?)",
              state.self().displayName(), e.getMessage());
        } else {
          LOG.debug("{}: {} refused: {}", state.self().displayName(), member ? "keepalive" : "join", e.getMessage());
        }
        useConfigured = !useConfigured; // a stale address may now belong to another node
      } catch (IOException e) {
        LOG.debug("{}: primary unreachable: {}", state.self().displayName(), e.toString());
        useConfigured = !useConfigured;
        reportIfDown(member);
      }
      if (!pause(member)) {
        return;
      }
    }
  }

  private void join() throws IOException {
    MetaPayload reply = control.json("POST", primaryControlUrl() + ApiPath.CLUSTER_JOIN, state.self(),
        MetaPayload.class, CALL_TIMEOUT);
    if (reply != null) {
      state.accept(reply);
    }
    LOG.info("{} joined cluster {} (Smap v{})", state.self().displayName(), state.clusterUuid(),
        state.smap().version());
  }

  /**
   * A member whose primary (as its map names it) has not answered for long enough reports it down.
   * Join failures of a node that never had a primary do not count: nobody to replace.
   */
  private void reportIfDown(boolean member) {
    Snode primary = state.smap().primary();
    long since = lastAnswer;
    if (!member || primary == null || since == 0 || primary.id().equals(state.self().id())) {
      return;
    }
    Duration interval = state.config().keepalive().intervalDuration();
    long downAfter = Math.max(2 * interval.toNanos(), MIN_DOWN_AFTER.toNanos());
    if (System.nanoTime() - since >= downAfter) {
      primaryDown.accept(primary.id());
    }
  }

  /** False when the primary asks this node to join again. */
  private boolean keepalive() throws IOException {
    KeepaliveMsg msg = new KeepaliveMsg(state.self().id(), state.smap().version(), state.bmd().version(),
        state.config().version(), state.rmd().version());
    KeepaliveReply reply = control.json("POST", primaryControlUrl() + ApiPath.CLUSTER_KEEPALIVE, msg,
        KeepaliveReply.class, CALL_TIMEOUT);
    lastAnswer = System.nanoTime();
    if (reply == null) {
      return true;
    }
    if (reply.meta() != null) {
      state.accept(reply.meta());
    }
    return !reply.rejoin();
  }

  /**
   * The control URL of the primary named by our Smap or, before we have one and in turns with it
   * when calls fail (a whole cluster restarted on new ports has a stale Smap), of the primary the
   * configured proxy names.
   */
  private String primaryControlUrl() throws IOException {
    Snode primary = state.smap().primary();
    if (primary != null && !useConfigured) {
      return primary.controlUrl();
    }
    if (configuredPrimaryUrl == null || configuredPrimaryUrl.isEmpty()) {
      throw new IOException("no primary to join: waiting to be added by an admin (join-by-admin)");
    }
    byte[] smap = control.bytes("GET", configuredPrimaryUrl + ApiPath.DAEMON + "?" + QueryParam.WHAT + "=smap", null,
        null, CALL_TIMEOUT);
    Snode named = WireJson.parse(smap, Smap.class).primary();
    if (named == null) {
      throw new IOException(configuredPrimaryUrl + " knows no primary yet");
    }
    return named.controlUrl();
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
