package io.jais.node.rebalance;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.cluster.Rmd;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.cluster.MetaPayload;
import io.jais.node.cluster.Metasync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's side of global rebalance: decides when objects must move, versions the rebalance
 * metadata (RMD) and metasyncs it, and watches every rebalance until it has finished everywhere.
 *
 * <ul>
 *   <li><b>When.</b> Whenever the set of targets eligible to own objects (the Smap's active
 *       targets: not in maintenance, not decommissioning) differs from the set the last settled
 *       placement was computed for: a target joined, left, went into or out of maintenance, was
 *       decommissioned. Never while the cluster has no buckets (nothing can be misplaced). And on
 *       demand ({@link #start}).</li>
 *   <li><b>How.</b> RMD version N+1 names the eligible targets and the Smap version; it is pushed
 *       with that Smap (and the BMD and config), so a target that applies it has the map it was made for. Each target runs
 *       {@code g<N+1>}, aborting any older rebalance.</li>
 *   <li><b>Until done.</b> One watcher thread asks the targets for the job's snapshots until every
 *       target of the RMD, and every other target that knows the job, reports it ended. Ended
 *       cleanly: the placement is settled for that Smap. Aborted or with errors (a target killed
 *       mid-way and restarted, a peer unreachable) and not superseded: the watcher starts the next
 *       rebalance, with a growing pause, until one completes. This is what makes a rebalance cut
 *       short restartable: nothing depends on the one that failed.</li>
 *   <li><b>Waiting.</b> {@link #awaitRebalanced} returns once placement is settled for a given
 *       Smap version (e.g. decommission: flag the node, wait, remove it).</li>
 * </ul>
 *
 * <p>Every proxy runs one; only the primary's acts. A proxy that becomes primary (an election)
 * takes over from the RMD it holds: it watches the latest rebalance to its end and starts the next
 * one when needed.
 *
 * <p>Implementation notes: every decision runs under one lock, on the watcher thread or the caller
 * of {@link #start}; Smap changes only wake the watcher (they arrive on the thread that changes
 * the Smap, inside the metadata owner's lock, where no network call may run).
 */
public final class RebalanceCoordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RebalanceCoordinator.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);
  private static final TypeReference<List<JobSnapshot>> SNAPSHOTS = new TypeReference<>() {};

  private final ClusterState state;
  private final Metasync metasync;
  private final IntraClient intra;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** The eligible targets placement is settled (or being settled) for; starts as the persisted RMD's. */
  private List<String> placedFor;
  /** The RMD version known to have finished cleanly; -1 until known. */
  private long settledRmd = -1;
  /** The newest Smap version placement is known to be settled for. */
  private long settledSmap;
  private String lastError = "";
  private Duration retryPause = FIRST_RETRY;
  private long retryAt;
  private boolean wake;
  private boolean primary;
  private volatile boolean closed;
  private Thread watcher;

  public RebalanceCoordinator(ClusterState state, Metasync metasync, IntraClient intra) {
    this.state = state;
    this.metasync = metasync;
    this.intra = intra;
    this.placedFor = state.rmd().targetIds();
  }

  /** Starts watching the Smap and the rebalances (acting only while this node is primary). */
  public void start() {
    state.smapOwner().onChange((before, after) -> wake());
    Thread t = new Thread(this::watch, "rebalance-watch-" + state.self().id());
    t.setDaemon(true);
    watcher = t;
    t.start();
  }

  /**
   * Starts a rebalance now (AIS {@code start} of kind {@code rebalance}); returns its ID.
   *
   * @throws JaisException 503 when the cluster has no target that can own objects
   */
  public String start(String reason) {
    lock.lock();
    try {
      return startLocked(state.smap(), reason).rebalanceId();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until object placement is settled for Smap version {@code smapVersion} or newer: the
   * rebalance made for it (or for a later map) finished on every target, or none was needed.
   *
   * @return false on timeout
   */
  public boolean awaitRebalanced(long smapVersion, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      wake = true;
      changed.signalAll();
      while (settledSmap < smapVersion) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The latest rebalance failure the watcher saw (empty when none since the last success). */
  public String lastError() {
    lock.lock();
    try {
      return lastError;
    } finally {
      lock.unlock();
    }
  }

  private void wake() {
    if (lock.tryLock()) {
      try {
        wake = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
    // else: the watcher holds the lock and re-reads the Smap before it waits again
  }

  private void watch() {
    while (!closed) {
      lock.lock();
      try {
        try {
          evaluate();
        } catch (RuntimeException e) {
          LOG.warn("rebalance watcher: {}", e.toString());
        }
        if (!wake) {
          changed.await(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        wake = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** One decision: start a rebalance, or look at the one running; called with the lock held. */
  private void evaluate() {
    Smap smap = state.smap();
    if (!state.isPrimary()) {
      primary = false;
      return;
    }
    if (!primary) { // this proxy just became primary (or started as one): take over from the RMD it holds
      primary = true;
      placedFor = state.rmd().targetIds();
      settledRmd = -1;
      retryAt = 0;
    }
    List<String> eligible = eligible(smap);
    Rmd rmd = state.rmd();
    if (!eligible.equals(placedFor)) {
      if (state.bmd().buckets().isEmpty() || eligible.isEmpty()) {
        placedFor = eligible; // nothing can be misplaced (or nowhere to put it)
        settle(smap, rmd.version());
        return;
      }
      startLocked(smap, "targets eligible to own objects changed: " + placedFor + " -> " + eligible);
      return;
    }
    if (rmd.version() == 0 || rmd.version() == settledRmd) {
      settle(smap, settledRmd);
      return;
    }
    Progress progress = progress(rmd, smap);
    if (progress.running()) {
      return;
    }
    if (progress.error().isEmpty()) {
      LOG.info("rebalance {} finished on every target", rmd.rebalanceId());
      lastError = "";
      retryPause = FIRST_RETRY;
      settle(smap, rmd.version());
      return;
    }
    lastError = rmd.rebalanceId() + ": " + progress.error();
    if (progress.error().contains(io.jais.node.job.Jobs.USER_ABORT)) {
      return; // stopped by a user: the next change of targets (or a start) rebalances again
    }
    if (retryAt == 0) {
      retryAt = System.nanoTime() + retryPause.toNanos();
      LOG.warn("rebalance {} did not complete ({}); the next one starts in {}", rmd.rebalanceId(), progress.error(),
          retryPause);
    } else if (System.nanoTime() >= retryAt) {
      retryPause = retryPause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryPause.multipliedBy(2);
      startLocked(smap, "restarting " + rmd.rebalanceId() + ", which did not complete");
    }
  }

  private void settle(Smap smap, long rmdVersion) {
    settledRmd = rmdVersion;
    if (smap.version() > settledSmap) {
      settledSmap = smap.version();
      changed.signalAll();
    }
  }

  private Rmd startLocked(Smap smap, String reason) {
    List<String> eligible = eligible(smap);
    if (eligible.isEmpty()) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "cannot rebalance: the cluster has no target that can own objects");
    }
    Rmd next = state.rmdOwner().update(state.clusterUuid(), r -> r.next(eligible, smap.version()));
    placedFor = eligible;
    retryAt = 0;
    LOG.info("starting rebalance {} for Smap v{} ({}): {}", next.rebalanceId(), smap.version(), eligible.size()
        + " target(s)", reason);
    // with every document: a target that joins right now may get this push before its join reply
    int missed = metasync.push(new MetaPayload(smap, state.bmd(), state.config(), next));
    if (missed > 0) {
      LOG.warn("rebalance {}: {} node(s) did not take the RMD now; they get it with their next keepalive",
          next.rebalanceId(), missed);
    }
    return next;
  }

  /** Whether a rebalance still runs somewhere, and why it failed if it ended badly. */
  private record Progress(boolean running, String error) {}

  private Progress progress(Rmd rmd, Smap smap) {
    String id = rmd.rebalanceId();
    Set<String> waitFor = new LinkedHashSet<>(rmd.targetIds());
    List<String> errors = new ArrayList<>();
    boolean running = false;
    for (Snode target : smap.targets().values()) {
      List<JobSnapshot> snapshots;
      try {
        snapshots = WireJson.MAPPER.readValue(intra.bytes("GET", target.url() + ApiPath.TARGET_JOBS + "?"
            + QueryParam.WHAT + "=qryxstats", WireJson.toBytes(JobQuery.ofId(id)), "application/json",
            QUERY_TIMEOUT), SNAPSHOTS);
      } catch (JaisException e) {
        if (e.code().status() == 404) {
          // does not know the job (yet): counted below if it must run it; a flagged target that
          // answers must run it too (it is the one its objects move off), so it is not done yet
          running |= !target.isActive();
          continue;
        }
        running |= waitFor.contains(target.id());
        continue;
      } catch (Exception e) {
        running |= waitFor.contains(target.id()); // silent: removed from the Smap if it is gone for good
        continue;
      }
      for (JobSnapshot snapshot : snapshots) {
        waitFor.remove(target.id());
        if (!snapshot.finished()) {
          running = true;
        } else if (snapshot.aborted()) {
          errors.add(target.displayName() + " aborted: " + snapshot.abortError());
        } else if (!snapshot.error().isEmpty()) {
          errors.add(target.displayName() + ": " + snapshot.error());
        }
      }
    }
    waitFor.retainAll(smap.targets().keySet());
    if (!waitFor.isEmpty()) {
      running = true; // a target of the rebalance has not started it yet (its RMD is on the way)
    }
    return new Progress(running, String.join("; ", errors));
  }

  private static List<String> eligible(Smap smap) {
    return smap.activeTargets().stream().map(Snode::id).sorted().toList();
  }

  @Override
  public void close() {
    closed = true;
    Thread t = watcher;
    if (t != null) {
      t.interrupt();
    }
  }
}
