package io.jais.node.mirror;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import io.jais.node.storage.StoreMaintenance.StoredFile;
import java.io.IOException;
import java.util.List;

/**
 * {@code make-n-copies} (AIS display name {@code mirror}): brings every object of one bucket on
 * this target to N files (main included) on distinct mountpaths, adding or dropping copies
 * ({@link MirrorService#ensureCopies}). Started by the bucket action {@code make-n-copies} (value:
 * N) and by a change of the bucket's {@code mirror} properties. One jogger per mountpath walks
 * its files; a file on its HRW mountpath is a main and is brought to N; a file elsewhere is a copy
 * and is skipped, unless its main is missing (the copy then restores it). Counts objects changed
 * in {@code loc-objs}/{@code loc-bytes}, and {@value #ADDED}, {@value #DROPPED}, {@value #RESTORED}.
 */
final class MakeNCopiesJob extends Job {
  static final String ADDED = "copies-added";
  static final String DROPPED = "copies-dropped";
  static final String RESTORED = "restored";

  private final ObjectStore store;
  private final MirrorService mirror;
  private final Bucket bucket;
  private final int copies;

  MakeNCopiesJob(JobStart start, ClusterState state, ObjectStore store, MirrorService mirror) {
    super(start, ADDED, DROPPED, RESTORED);
    this.store = store;
    this.mirror = mirror;
    this.bucket = start.bucket();
    if (bucket == null) {
      throw JaisException.invalid("make-n-copies: missing bucket");
    }
    if (state.bmd().props(bucket).isEmpty()) {
      throw JaisException.noSuchBucket(bucket);
    }
    this.copies = start.params().isNull() || start.params().isMissingNode()
        ? copies(wanted(state.bmd().props(bucket).get().mirror()), store.mountpaths().all().size())
        : copies(start, store.mountpaths().all().size());
  }

  /**
   * N from the start's parameters: the bucket action's value, a number (or a numeric string);
   * a start by kind without one brings the bucket to its {@code mirror.copies} (1 when mirroring
   * is disabled).
   */
  static int copies(JobStart start, int mountpaths) {
    int n;
    if (start.params().isNumber()) {
      n = start.params().asInt();
    } else if (start.params().isTextual() && start.params().asText().matches("\\d{1,3}")) {
      n = Integer.parseInt(start.params().asText());
    } else {
      throw JaisException.invalid("make-n-copies: the number of copies must be a number, got " + start.params());
    }
    return copies(n, mountpaths);
  }

  private static int wanted(io.jais.api.config.MirrorConf mirror) {
    return mirror.enabled() ? (int) mirror.copies() : 1;
  }

  private static int copies(int n, int mountpaths) {
    if (n < 1 || n > 32) {
      throw JaisException.invalid("make-n-copies: invalid number of copies " + n + ", must be in [1, 32] range");
    }
    if (n > mountpaths) {
      throw JaisException.invalid("make-n-copies: number of copies (" + n
          + ") exceeds the number of mountpaths (" + mountpaths + ")");
    }
    return n;
  }

  @Override
  protected void execute() {
    List<Mountpath> mountpaths = store.mountpaths().all();
    parallelism(mountpaths.size(), 0);
    forEach(mountpaths.iterator(), mountpaths.size(), true, this::jog);
  }

  private void jog(Mountpath mountpath) throws IOException {
    StoreMaintenance files = store.maintenance();
    files.walk(mountpath, bucket, "", file -> {
      checkAborted();
      try {
        visit(files, file);
      } catch (IOException | RuntimeException e) {
        checkAborted();
        fail(file.path() + ": " + message(e));
      }
      return true;
    });
  }

  private void visit(StoreMaintenance files, StoredFile file) throws IOException {
    if (file.name() == null) {
      return;
    }
    boolean main = files.homeOf(bucket, file.name()).equals(file.mountpath());
    if (!main && store.copies().paths(bucket, file.name()).isPresent()) {
      return; // a copy of a main that is in place
    }
    MirrorService.Outcome outcome = mirror.ensureCopies(bucket, file.name(), copies);
    counters().add(ADDED, outcome.added());
    counters().add(DROPPED, outcome.dropped());
    counters().add(RESTORED, outcome.repaired() ? 1 : 0);
    if (outcome.added() > 0 || outcome.dropped() > 0 || outcome.repaired()) {
      counters().processed(sizeOf(file));
    }
  }

  private static long sizeOf(StoredFile file) {
    try {
      return java.nio.file.Files.size(file.path());
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  protected String describe() {
    return bucket.uri() + ", copies:" + copies;
  }
}
