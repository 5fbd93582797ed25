package io.jais.node.objects;

import java.util.Objects;

/**
 * Who asks the {@link ObjectService}: a client request through a front door, another target, or
 * a job. The service answers a {@link Peer} from this target's own disks only (no lookup on other
 * targets, no fan-out), which keeps every peer search one hop deep; users and jobs get the whole
 * cluster's view. Listeners see the caller of every commit.
 */
public sealed interface Caller {
  /** A client's request through the native or S3 API (one shared instance: the GET path allocates nothing). */
  Caller USER = new User();

  static Caller peer(String nodeId) {
    return new Peer(nodeId);
  }

  /** A job that works on the cluster's objects wherever they are (it may pull, fan out). */
  static Caller job(String jobId) {
    return new Job(jobId, false);
  }

  /**
   * A job's part on this target, when every target runs one over the same selection: it handles
   * this target's copies only (no lookup on other targets, no fan-out), the others handle theirs.
   */
  static Caller localJob(String jobId) {
    return new Job(jobId, true);
  }

  /** True when only this target's disks may answer. */
  default boolean localOnly() {
    return false;
  }

  /** A client request. */
  record User() implements Caller {
    @Override
    public String toString() {
      return "user";
    }
  }

  /** Another target of the cluster, by node ID. */
  record Peer(String nodeId) implements Caller {
    public Peer {
      Objects.requireNonNull(nodeId, "nodeId");
    }

    @Override
    public boolean localOnly() {
      return true;
    }

    @Override
    public String toString() {
      return "peer " + nodeId;
    }
  }

  /** A job (xaction) running on this target, by job ID; {@code local}: see {@link #localJob}. */
  record Job(String jobId, boolean local) implements Caller {
    public Job {
      Objects.requireNonNull(jobId, "jobId");
    }

    @Override
    public boolean localOnly() {
      return local;
    }

    @Override
    public String toString() {
      return "job " + jobId;
    }
  }
}
