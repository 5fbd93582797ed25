package io.jais.node.cluster;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ClusterConfig;
import io.jais.api.json.WireJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary election, as AIS does it: when the primary is gone, the proxy next in line by HRW over
 * the proxies ({@link Smap#nextPrimary}) asks every other node for its vote and, with a majority of
 * the answers, names itself primary in the next cluster-map version and pushes it.
 *
 * <p>Design notes.
 * <ul>
 *   <li>Who notices: every non-primary node whose keepalives to the primary keep failing
 *       ({@link PrimaryLink}). It computes the candidate from its own map; the candidate runs the
 *       election itself, anyone else asks the candidate to run ({@code PUT /v1/vote/init}) and,
 *       if the candidate does not answer, drops it from a copy of its map and asks the next one.
 *   <li>No two primaries: the candidate is a pure function of the map, so every node that agrees
 *       on the map agrees on the candidate. The candidate first probes the primary itself (twice);
 *       every voter probes it too and votes yes only if it does not answer and the candidate is
 *       the one its own map names. A primary that is alive therefore wins every vote against it.
 *   <li>Version order: each vote carries the voter's metadata; the winner first takes the newest
 *       Smap, BMD and config any voter holds, then derives its map from that version. So a
 *       version the old primary pushed to some nodes only is never issued again with different
 *       content, and every node accepts the winner's map as newer.
 *   <li>Trust: votes and the winner's push are intra-cluster requests signed with the cluster
 *       secret; nodes take a map from a primary they do not know yet only when it names its sender
 *       primary and is newer than theirs ({@link ClusterState#acceptFrom}).
 *   <li>One election at a time per node; an election started while another runs is dropped (the
 *       running one ends with a new primary or leaves the map as it was, and the failing
 *       keepalives start the next).
 * </ul>
 */
public final class Election {
  private static final Logger LOG = LoggerFactory.getLogger(Election.class);
  /** A primary that does not answer a health probe within this is taken as down. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration VOTE_TIMEOUT = Duration.ofSeconds(3);
  private static final int CANDIDATE_PROBES = 2;

  private final ClusterState state;
  private final IntraClient control;
  private final AtomicBoolean running = new AtomicBoolean();

  /** @param control the node's control-plane client */
  public Election(ClusterState state, IntraClient control) {
    this.state = state;
    this.control = control;
  }

  /**
   * The primary {@code primaryId} has not answered for a while: start (or ask the next proxy in
   * line to start) an election, in the background. Returns at once.
   */
  public void primaryDown(String primaryId) {
    inBackground("primary-down", () -> onPrimaryDown(primaryId));
  }

  /**
   * {@code PUT /v1/vote/init}: a node asks this proxy to run for primary in place of {@code
   * request.primary()}. Runs the election in the background when this proxy is next in line;
   * answers with this node's map either way (a node that missed the new primary's push learns it).
   */
  public MetaPayload runFor(VoteRequest request) {
    Smap smap = state.smap();
    String self = state.self().id();
    if (!smap.isPrimary(self) && smap.primary() != null && smap.primary().id().equals(request.primary())) {
      Snode next = smap.nextPrimary(request.primary());
      if (next != null && next.id().equals(self)) {
        inBackground("election", () -> elect(request.primary()));
      }
    }
    return new MetaPayload(smap, null, null);
  }

  /**
   * {@code POST /v1/vote/proxy}: this node's vote on {@code request.candidate()} replacing {@code
   * request.primary()}: yes only when this node's map names the same primary, that primary does
   * not answer a health probe, and the candidate is next in line by this node's own map.
   */
  public VoteReply vote(VoteRequest request) {
    return new VoteReply(votesYes(request), state.snapshot());
  }

  private boolean votesYes(VoteRequest request) {
    Smap smap = state.smap();
    if (smap.isPrimary(request.candidate())) {
      return true; // already won (a repeated request)
    }
    Snode primary = smap.primary();
    if (primary == null || primary.id().equals(state.self().id()) || !primary.id().equals(request.primary())) {
      return false; // this node is the (live) primary, or knows another one
    }
    Snode next = smap.nextPrimary(primary.id());
    if (next == null || !next.id().equals(request.candidate())) {
      return false;
    }
    boolean down = !answers(primary);
    LOG.info("{}: vote {} for {} replacing primary {}", state.self().displayName(), down ? "yes" : "no",
        request.candidate(), primary.id());
    return down;
  }

  private void inBackground(String what, Runnable task) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: {} failed: {}", state.self().displayName(), what, e.toString());
      } finally {
        running.set(false);
      }
    }, what + "-" + state.self().id());
    t.setDaemon(true);
    t.setPriority(Thread.MAX_PRIORITY);
    t.start();
  }

  private void onPrimaryDown(String primaryId) {
    Smap view = state.smap();
    if (view.primary() == null || !view.primary().id().equals(primaryId)) {
      return; // a new primary is known already
    }
    String self = state.self().id();
    LOG.warn("{}: primary {} does not answer; looking for its successor", state.self().displayName(), primaryId);
    while (true) {
      Snode next = view.nextPrimary(primaryId);
      if (next == null) {
        LOG.error("{}: no proxy can take over from primary {}: none is electable", state.self().displayName(), primaryId);
        return;
      }
      if (next.id().equals(self)) {
        elect(primaryId);
        return;
      }
      try {
        MetaPayload reply = control.json("PUT", next.controlUrl() + ApiPath.VOTE_INIT,
            new VoteRequest(next.id(), primaryId, view.version()), MetaPayload.class, VOTE_TIMEOUT);
        takeNewerMap(reply == null ? null : reply.smap(), next);
        return; // the candidate runs the election
      } catch (Exception e) {
        LOG.warn("{}: candidate {} does not answer ({}); asking the next one", state.self().displayName(), next.id(),
            e.toString());
        view = view.withoutNode(next.id());
      }
    }
  }

  /** A map in an answer of {@code from}, which it holds as primary: taken when newer than ours. */
  private void takeNewerMap(Smap smap, Snode from) {
    if (smap != null && smap.isPrimary(from.id()) && smap.uuid().equals(state.clusterUuid())
        && smap.version() > state.smap().version()) {
      state.smapOwner().accept(smap);
    }
  }

  /** This proxy runs for primary in place of {@code oldPrimary}. */
  private void elect(String oldPrimary) {
    Smap view = state.smap();
    Snode primary = view.primary();
    String name = state.self().displayName();
    if (view.isPrimary(state.self().id()) || primary == null || !primary.id().equals(oldPrimary)) {
      return;
    }
    for (int i = 0; i < CANDIDATE_PROBES; i++) {
      if (answers(primary)) {
        LOG.info("{}: primary {} answers: no election", name, oldPrimary);
        return;
      }
    }
    LOG.warn("{}: primary {} is down; asking for votes (Smap v{})", name, oldPrimary, view.version());
    List<VoteReply> replies = requestVotes(view, new VoteRequest(state.self().id(), oldPrimary, view.version()));
    int yes = (int) replies.stream().filter(r -> r != null && r.yes()).count();
    int no = replies.size() - yes;
    if (yes <= no && !replies.isEmpty()) {
      LOG.warn("{}: election lost ({} yes, {} no); primary stays {}", name, yes, no, oldPrimary);
      return;
    }
    takeNewestDocuments(replies);
    Smap base = state.smap();
    if (base.primary() == null || !base.primary().id().equals(oldPrimary)) {
      LOG.warn("{}: a voter knows a newer primary ({}): taking it", name, base.primary());
      return;
    }
    String self = state.self().id();
    Smap won = state.smapOwner().update(state.clusterUuid(), s -> s.withoutNode(oldPrimary)
        .withPrimary(s.node(self) != null ? s.node(self) : state.self(), s.creationTime()));
    LOG.warn("{}: elected primary in place of {} ({} yes, {} no; Smap v{})", name, oldPrimary, yes, no, won.version());
  }

  /** Asks every node but this one and the old primary; a node that does not answer counts as no. */
  private List<VoteReply> requestVotes(Smap view, VoteRequest request) {
    List<Snode> voters = new ArrayList<>();
    voters.addAll(view.proxies().values());
    voters.addAll(view.targets().values());
    voters.removeIf(n -> n.id().equals(state.self().id()) || n.id().equals(request.primary()));
    List<VoteReply> replies = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<VoteReply>> asks = new ArrayList<>();
      for (Snode voter : voters) {
        asks.add(pool.submit(() -> control.json("POST", voter.controlUrl() + ApiPath.VOTE_PROXY, request,
            VoteReply.class, VOTE_TIMEOUT)));
      }
      for (int i = 0; i < asks.size(); i++) {
        try {
          replies.add(asks.get(i).get(VOTE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
          asks.get(i).cancel(true);
          LOG.info("{}: no vote from {}: {}", state.self().displayName(), voters.get(i).displayName(), e.toString());
          replies.add(null);
        }
      }
    }
    return replies;
  }

  /** Takes the newest Smap, BMD and config of our cluster that any voter holds. */
  private void takeNewestDocuments(List<VoteReply> replies) {
    String uuid = state.clusterUuid();
    Smap smap = null;
    Bmd bmd = null;
    ClusterConfig config = null;
    for (VoteReply reply : replies) {
      MetaPayload meta = reply == null ? null : reply.meta();
      if (meta == null) {
        continue;
      }
      if (meta.smap() != null && uuid.equals(meta.smap().uuid()) && (smap == null || meta.smap().version() > smap.version())) {
        smap = meta.smap();
      }
      if (meta.bmd() != null && uuid.equals(meta.bmd().uuid()) && (bmd == null || meta.bmd().version() > bmd.version())) {
        bmd = meta.bmd();
      }
      if (meta.config() != null && uuid.equals(meta.config().uuid())
          && (config == null || meta.config().version() > config.version())) {
        config = meta.config();
      }
    }
    state.accept(new MetaPayload(smap, bmd, config)); // each only if newer than ours
  }

  /** Whether {@code node} answers a health probe on its control port in time. */
  boolean answers(Snode node) {
    try {
      control.bytes("GET", node.controlUrl() + ApiPath.HEALTH, null, null, PROBE_TIMEOUT);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * At start, a node that holds a map asks the other nodes of that map for theirs: the newest map
   * of the same cluster, when newer than ours (a primary was elected while this node was down).
   * Null when nobody answers with a newer one.
   */
  public static Smap newestAmongPeers(ClusterState state, IntraClient control) {
    Smap ours = state.smap();
    if (ours.uuid().isEmpty()) {
      return null;
    }
    List<Snode> peers = new ArrayList<>(ours.proxies().values());
    peers.addAll(ours.targets().values());
    peers.removeIf(n -> n.id().equals(state.self().id()));
    Smap newest = null;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Smap>> asks = new ArrayList<>();
      for (Snode peer : peers) {
        asks.add(pool.submit(() -> WireJson.parse(control.bytes("GET", peer.controlUrl() + ApiPath.DAEMON + "?"
            + QueryParam.WHAT + "=smap", null, null, PROBE_TIMEOUT), Smap.class)));
      }
      for (Future<Smap> ask : asks) {
        try {
          Smap smap = ask.get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
          if (smap.uuid().equals(ours.uuid()) && smap.version() > ours.version() && smap.primary() != null
              && (newest == null || smap.version() > newest.version())) {
            newest = smap;
          }
        } catch (Exception e) {
          ask.cancel(true); // down too, or not up yet
        }
      }
    }
    return newest;
  }
}
