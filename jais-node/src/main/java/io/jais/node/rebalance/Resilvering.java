package io.jais.node.rebalance;

import io.jais.api.job.JobId;
import io.jais.api.job.JobKind;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobFilter;
import io.jais.node.job.JobStart;
import io.jais.node.job.Jobs;
import io.jais.node.storage.MountpathSet;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.ObjectStore.MountpathAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's mountpath operations (AIS attach, detach, enable, disable, rescan) and the resilver
 * each starts: the mountpaths change at once, then a {@code resilver} job moves the objects to
 * their new HRW mountpath while reads find them where they are. A running resilver is aborted
 * first: the new one covers everything it would have done.
 */
public final class Resilvering {
  private static final Logger LOG = LoggerFactory.getLogger(Resilvering.class);

  private final ClusterState state;
  private final ObjectStore store;
  private volatile Jobs jobs;

  public Resilvering(ClusterState state, ObjectStore store) {
    this.state = state;
    this.store = store;
  }

  /** The job factory of kind {@code resilver}. */
  public Job create(JobStart start) {
    return new ResilverJob(start, state, store);
  }

  public void attach(Jobs registry) {
    this.jobs = registry;
  }

  /**
   * Changes a mountpath; starts a resilver unless {@code resilver} is false or nothing changed.
   *
   * @return the resilver's job ID, or empty when none was started
   */
  public String change(MountpathAction action, Path mountpath, boolean resilver) throws IOException {
    boolean changed = store.changeMountpath(action, mountpath, resilver);
    LOG.info("{}: {} mountpath {}{}", state.self().displayName(), action.name().toLowerCase(java.util.Locale.ROOT),
        mountpath, changed ? "" : ": nothing to do");
    return changed && resilver ? start("mountpath " + mountpath + " " + action.name().toLowerCase(java.util.Locale.ROOT))
        : "";
  }

  /** AIS rescan: looks again for objects off their mountpath (a resilver), the mountpaths unchanged. */
  public String rescan(Path mountpath) {
    Path path = mountpath.toAbsolutePath().normalize();
    MountpathSet set = store.mountpathSet();
    if (set.enabled().stream().noneMatch(m -> m.path().equals(path))
        && set.disabled().stream().noneMatch(m -> m.path().equals(path))) {
      throw new io.jais.api.error.JaisException(io.jais.api.error.ErrorCode.NOT_FOUND,
          "mountpath " + path + " is not attached");
    }
    return start("rescan of " + path);
  }

  private String start(String reason) {
    Jobs registry = jobs;
    if (registry == null) {
      return "";
    }
    registry.stop(new JobFilter("", JobKind.RESILVER, null, true), "superseded: " + reason);
    String id = JobId.generate();
    registry.start(new JobStart(id, JobKind.RESILVER, null, List.of(), 0, false, null));
    LOG.info("{}: resilver {} started ({})", state.self().displayName(), id, reason);
    return id;
  }
}
