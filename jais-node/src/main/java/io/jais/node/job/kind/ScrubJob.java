package io.jais.node.job.kind;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import io.jais.node.storage.StoreMaintenance.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code scrub} (JAIS's own kind; AIS scrubs from its CLI by listing): reads every object file of
 * one bucket or of all, optionally under a prefix, on every mountpath (one jogger each), checks its
 * metadata and re-reads its data against the stored checksum, and reports what is wrong. A
 * corrupted object (its main file or a mirror copy) is repaired as a GET would repair it, through
 * the object service's restorers (mirror copies, EC slices), and quarantined when nothing intact
 * is left; nothing else is changed (misplaced files and bad metadata are {@code cleanup-store}'s
 * job). Categories, counted in the snapshot's stats:
 * <ul>
 *   <li>{@value #CORRUPTED}: data does not match the stored checksum;</li>
 *   <li>{@value #NO_METADATA}: metadata missing, corrupt or of another size;</li>
 *   <li>{@value #MISPLACED_NODE}: another target owns the object (HRW);</li>
 *   <li>{@value #MISPLACED_MOUNTPATH}: it lies on the wrong mountpath of this target (a listed
 *       mirror copy does not count);</li>
 *   <li>{@value #RESTORED}, {@value #QUARANTINED}: what became of a corrupted object.</li>
 * </ul>
 * The findings themselves (the first {@value #MAX_FINDINGS} per target) are the snapshot's
 * {@code ext}: {@code {"findings":[{"bucket","name","size","problem","location","detail"}],
 * "dropped":n}}, {@code location} being the file's path, {@code name} empty when unknown.
 * {@code loc-objs}/{@code loc-bytes} count the objects checked and the bytes read. Abort stops
 * between objects and within a large object's read.
 */
final class ScrubJob extends Job {
  static final String CORRUPTED = "corrupted";
  static final String NO_METADATA = "no-metadata";
  static final String MISPLACED_NODE = "misplaced-node";
  static final String MISPLACED_MOUNTPATH = "misplaced-mountpath";
  static final String RESTORED = "restored";
  static final String QUARANTINED = "quarantined";
  static final int MAX_FINDINGS = 1_000;

  /** One problem found. */
  record Finding(@JsonProperty("bucket") String bucket, @JsonProperty("name") String name,
      @JsonProperty("size") long size, @JsonProperty("problem") String problem,
      @JsonProperty("location") String location, @JsonProperty("detail") String detail) {}

  private final ObjectStore store;
  private final io.jais.node.objects.ObjectService objects;
  private final ClusterState state;
  private final List<Bucket> buckets;
  private final String prefix;
  private final ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
  private final AtomicInteger kept = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile Smap smap;

  ScrubJob(JobStart start, TargetServices target) {
    super(start, CORRUPTED, NO_METADATA, MISPLACED_NODE, MISPLACED_MOUNTPATH, RESTORED, QUARANTINED);
    this.objects = target.objects();
    this.store = target.store();
    this.state = target.state();
    this.buckets = start.allBuckets();
    for (Bucket bucket : buckets) {
      KindParams.requireExisting(bucket, state);
    }
    this.prefix = KindParams.Prefix.of(start).prefix();
  }

  @Override
  protected void execute() {
    smap = state.smap();
    List<Mountpath> mountpaths = store.mountpaths().all();
    parallelism(mountpaths.size(), 0);
    forEach(mountpaths.iterator(), mountpaths.size(), true, this::jog);
  }

  private void jog(Mountpath mountpath) throws IOException {
    StoreMaintenance files = store.maintenance();
    Set<Bucket> present = files.buckets(mountpath).keySet();
    for (Bucket bucket : buckets.isEmpty() ? state.bmd().buckets().values().stream().map(io.jais.api.bucket.Bmd.Entry::bucket).toList() : buckets) {
      if (!present.contains(bucket)) {
        continue;
      }
      files.walk(mountpath, bucket, prefix, file -> {
        checkAborted();
        try {
          check(files, file);
        } catch (IOException | RuntimeException e) {
          checkAborted(); // an abort unwinds the walk; anything else is this file's failure
          fail(file.path() + ": " + message(e));
        }
        return true;
      });
    }
  }

  private void check(StoreMaintenance files, StoredFile file) throws IOException {
    StoreMaintenance.Inspection found = files.inspect(file);
    if (found.health() == StoreMaintenance.Health.GONE) {
      return;
    }
    if (found.health() != StoreMaintenance.Health.OK || file.name() == null) {
      long size = sizeOf(file);
      counters().processed(0);
      report(NO_METADATA, file, size, found.detail().isEmpty() ? "not a valid object name" : found.detail());
      return;
    }
    ObjectMeta meta = found.meta();
    Snode owner = smap.owner(file.bucket(), file.name());
    if (owner != null && !owner.id().equals(state.self().id())) {
      report(MISPLACED_NODE, file, meta.size(), "owned by " + owner.displayName());
    }
    if (!files.onHome(file)) {
      report(MISPLACED_MOUNTPATH, file, meta.size(), "belongs on " + files.homeOf(file.bucket(), file.name()));
    }
    if (!meta.checksum().isNone()) {
      Checksum actual = files.checksum(file, meta.checksum().type(), this::isAborted);
      checkAborted();
      if (actual != null && !meta.checksum().matches(actual)) {
        boolean repaired = objects.repair(file.bucket(), file.name());
        counters().add(repaired ? RESTORED : QUARANTINED, 1);
        report(CORRUPTED, file, meta.size(), meta.checksum().type().wireName() + " stored " + meta.checksum().value()
            + ", computed " + actual.value() + (repaired ? "; restored" : "; quarantined"));
      }
    }
    counters().processed(meta.size());
  }

  private static long sizeOf(StoredFile file) {
    try {
      return Files.size(file.path());
    } catch (IOException e) {
      return 0;
    }
  }

  private void report(String problem, StoredFile file, long size, String detail) {
    counters().add(problem, 1);
    if (kept.incrementAndGet() <= MAX_FINDINGS) {
      findings.add(new Finding(file.bucket().uri(), file.name() == null ? "" : file.name(), size, problem,
          file.path().toString(), detail));
    } else {
      dropped.incrementAndGet();
    }
  }

  @Override
  protected JsonNode ext() {
    return WireJson.MAPPER.valueToTree(Map.of("findings", List.copyOf(findings), "dropped", dropped.get()));
  }

  @Override
  protected String describe() {
    return (buckets.isEmpty() ? "all buckets" : buckets.toString()) + (prefix.isEmpty() ? "" : ", prefix:" + prefix);
  }
}
