package io.jais.node.rebalance;

import io.jais.api.cluster.Rmd;
import io.jais.api.job.JobKind;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobFilter;
import io.jais.node.job.JobStart;
import io.jais.node.job.Jobs;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectStore;
import io.jais.node.transport.ObjectStreams;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's part in global rebalance: runs {@code g<N>} when RMD version N arrives (from a
 * metasync, a keepalive reply or the join reply), after aborting any older rebalance still
 * running here, and creates the jobs for the registry ({@link #create}).
 *
 * <p>Design notes. The newest RMD always wins: an older rebalance cut short by a newer one is
 * aborted between objects (what it sent is either stored at the owner and deleted here, or still
 * here), and the newer one walks everything again under the newer map. A rebalance the node did
 * not finish because it went down shows as aborted ("node restarted") in its job journal; the
 * primary, which watches every rebalance to its end, starts the next one.
 */
public final class TargetRebalance {
  private static final Logger LOG = LoggerFactory.getLogger(TargetRebalance.class);

  private final ClusterState state;
  private final ObjectStore store;
  private final ObjectService objects;
  private final ObjectStreams streams;
  private volatile Jobs jobs;
  private volatile RebalanceJob current;

  public TargetRebalance(ClusterState state, ObjectStore store, ObjectService objects, ObjectStreams streams) {
    this.state = state;
    this.store = store;
    this.objects = objects;
    this.streams = streams;
  }

  /** The job factory of kind {@code rebalance}: the registry calls it for every start. */
  public Job create(JobStart start) {
    RebalanceJob job = new RebalanceJob(start, state, store, objects, streams);
    current = job;
    return job;
  }

  /** The rebalance started last on this target (running or not), or null. */
  public RebalanceJob current() {
    return current;
  }

  /** The handler of objects other targets move here. */
  public MovedObjectReceiver receiver() {
    return new MovedObjectReceiver(state, objects, this::current);
  }

  /** Starts following RMD changes with this node's job registry. */
  public void attach(Jobs registry) {
    this.jobs = registry;
    state.rmdOwner().onChange((before, after) -> start(after));
  }

  private void start(Rmd rmd) {
    Jobs registry = jobs;
    if (registry == null || rmd.version() <= 0) {
      return;
    }
    String id = rmd.rebalanceId();
    int superseded = registry.stop(new JobFilter("", JobKind.REBALANCE, null, true), "superseded by " + id);
    if (superseded > 0) {
      LOG.info("{}: {} older rebalance(s) superseded by {}", state.self().displayName(), superseded, id);
    }
    registry.start(new JobStart(id, JobKind.REBALANCE, null, List.of(), 0, false,
        WireJson.MAPPER.valueToTree(new RebalanceJob.Params(rmd.ext().smapVersion()))));
  }
}
