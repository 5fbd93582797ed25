package io.jais.node.rebalance;

import io.jais.api.bucket.Bucket;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code resilver} on one target: after its mountpaths changed (attached, detached, enabled,
 * disabled), moves every object that is not on its HRW mountpath among the enabled ones there,
 * one jogger per mountpath searched (the enabled ones and those being drained). When it went
 * through everything without a failure, the store stops searching other mountpaths on a miss
 * and forgets the drained ones ({@link ObjectStore#resilvered}).
 *
 * <p>Design notes. Each move is the store's relocation: under the object's write lock, copied to
 * a workfile on the HRW mountpath, committed there unless a version at least as new is there
 * already, then the stray file removed. Until then a read finds the object where it is (the
 * store searches the old places on a miss), and a write of it lands on its HRW mountpath and
 * removes the stray. Abort stops between objects; the next resilver (each mountpath change starts
 * one, superseding the running one) finds what is left.
 */
public final class ResilverJob extends Job {
  static final String MOVED = "moved";
  static final String REMOVED_DUPLICATE = "removed-duplicate";

  private final ClusterState state;
  private final ObjectStore store;

  public ResilverJob(JobStart start, ClusterState state, ObjectStore store) {
    super(start, MOVED, REMOVED_DUPLICATE);
    this.state = state;
    this.store = store;
  }

  @Override
  protected String describe() {
    return "mountpaths " + store.mountpathSet().enabled().stream().map(m -> m.path().toString()).toList();
  }

  @Override
  protected void execute() {
    List<Mountpath> searched = store.mountpathSet().searched();
    parallelism(searched.size(), 0);
    boolean clean = forEach(searched.iterator(), searched.size(), true, this::jog);
    if (clean && !isAborted()) {
      store.resilvered(searched);
    }
  }

  private void jog(Mountpath mountpath) throws IOException {
    StoreMaintenance files = store.maintenance();
    for (Map.Entry<Bucket, Path> dir : files.buckets(mountpath).entrySet()) {
      if (!state.bmd().contains(dir.getKey())) {
        continue;
      }
      files.walk(mountpath, dir.getKey(), "", file -> {
        checkAborted();
        if (file.name() == null || files.onHome(file)) {
          return true;
        }
        try {
          long size = java.nio.file.Files.size(file.path());
          switch (files.relocate(file)) {
            case MOVED -> {
              counters().add(MOVED, 1);
              counters().processed(size);
            }
            case REMOVED_DUPLICATE -> counters().add(REMOVED_DUPLICATE, 1);
            case IN_PLACE, UNREADABLE -> {
              // changed meanwhile, or not an object: nothing to move
            }
          }
        } catch (java.nio.file.NoSuchFileException e) {
          // moved or deleted meanwhile
        } catch (IOException | RuntimeException e) {
          checkAborted();
          fail(file.path() + ": " + message(e));
        }
        return true;
      });
    }
  }
}
