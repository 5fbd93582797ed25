package io.jais.node.mirror;

import io.jais.api.job.JobKind;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.JobKinds;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectStore;
import java.time.Duration;

/**
 * Mirroring and self-healing of one target, wired: the {@link MirrorService} (a commit
 * listener), the {@link MirrorRestorer} (a restorer of reads), the {@link MountpathHealth} checker
 * that disables a lost mountpath and restores its objects from their copies, and the
 * {@code make-n-copies} job kind.
 */
public final class Mirroring implements AutoCloseable {
  /** How often every mountpath is health-checked in the background. */
  public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(3);

  private final ClusterState state;
  private final ObjectStore store;
  private final MirrorService service;
  private final MountpathHealth health;

  private Mirroring(ClusterState state, ObjectStore store, Duration healthInterval) {
    this.state = state;
    this.store = store;
    this.service = new MirrorService(state, store);
    this.health = new MountpathHealth(store, healthInterval, service::restoreAfterLoss);
  }

  /** Starts mirroring on this target's objects. */
  public static Mirroring start(ClusterState state, ObjectStore store, ObjectService objects) {
    return start(state, store, objects, HEALTH_INTERVAL);
  }

  public static Mirroring start(ClusterState state, ObjectStore store, ObjectService objects, Duration healthInterval) {
    Mirroring mirroring = new Mirroring(state, store, healthInterval);
    objects.addListener(mirroring.service);
    objects.addRestorer(new MirrorRestorer(store, mirroring.service, mirroring.health));
    return mirroring;
  }

  /** Registers {@code make-n-copies}. */
  public void addKinds(JobKinds.Builder kinds) {
    kinds.add(JobKind.MAKE_N_COPIES, start -> new MakeNCopiesJob(start, state, store, service));
  }

  public MirrorService service() {
    return service;
  }

  public MountpathHealth health() {
    return health;
  }

  @Override
  public void close() {
    health.close();
    service.close();
  }
}
