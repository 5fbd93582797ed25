package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.config.ClusterConfig;
import io.jais.api.config.GoDuration;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@code lru} (display name {@code lru-eviction}): on every mountpath whose used capacity is at or
 * above {@code space.highwm}, evicts cached copies of remote-bucket objects, least recently used
 * first, until the used capacity is back to {@code space.lowwm} (AIS's rules, {@link LruPlan}).
 * Objects accessed within {@code lru.dont_evict_time} stay; {@code ais} buckets are never evicted
 * (their objects are the only copy), nor remote buckets with LRU disabled unless forced. JAIS has
 * no remote buckets yet, so the job computes each mountpath's usage, finds nothing evictable and
 * finishes. One jogger per mountpath. Abort stops between objects.
 */
final class LruJob extends Job {
  private final ObjectStore store;
  private final ObjectService objects;
  private final ClusterState state;
  private final List<Bucket> buckets;
  private final Map<String, String> report = new ConcurrentSkipListMap<>();

  LruJob(JobStart start, TargetServices target) {
    super(start);
    this.store = target.store();
    this.objects = target.objects();
    this.state = target.state();
    this.buckets = start.allBuckets();
    for (Bucket bucket : buckets) {
      KindParams.requireExisting(bucket, state);
    }
  }

  @Override
  protected void execute() {
    List<Mountpath> mountpaths = store.mountpaths().all();
    parallelism(mountpaths.size(), 0);
    forEach(mountpaths.iterator(), mountpaths.size(), true, this::jog);
  }

  private void jog(Mountpath mountpath) throws Exception {
    ClusterConfig config = state.config();
    Mountpath.Capacity capacity = mountpath.capacity();
    long toFree = LruPlan.bytesToFree(capacity, config.space().lowWm(), config.space().highWm());
    String usage = "used " + (capacity.total() == 0 ? 0 : capacity.used() * 100 / capacity.total()) + "%";
    if (toFree == 0) {
      report.put(mountpath.toString(), usage + ", below high watermark " + config.space().highWm() + "%");
      return;
    }
    StoreMaintenance files = store.maintenance();
    long notAfter = nanos(clock().instant().minus(GoDuration.parse("lru.dont_evict_time", config.lru().dontEvictTime())));
    LruPlan.Selector selector = new LruPlan.Selector(toFree, notAfter);
    int evictable = 0;
    for (Bucket bucket : files.buckets(mountpath).keySet()) {
      Optional<BucketProps> props = state.bmd().props(bucket);
      if (props.isEmpty() || !buckets.isEmpty() && !buckets.contains(bucket)
          || !LruPlan.evictable(bucket, props.get(), start().force())) {
        continue;
      }
      evictable++;
      files.walk(mountpath, bucket, "", file -> {
        checkAborted();
        try {
          StoreMaintenance.Inspection found = files.inspect(file);
          if (found.health() == StoreMaintenance.Health.OK && file.name() != null) {
            selector.offer(new LruPlan.Candidate(bucket, file.name(), found.meta().size(), found.meta().atimeNanos()));
          }
        } catch (java.io.IOException e) {
          fail(file.path() + ": " + e.getMessage());
        }
        return true;
      });
    }
    long freed = 0;
    for (LruPlan.Candidate victim : selector.selected()) {
      checkAborted();
      try {
        objects.delete(victim.bucket(), victim.name(), Caller.localJob(id()));
        counters().processed(victim.size());
        freed += victim.size();
      } catch (JaisException e) {
        if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
          throw e;
        }
      }
    }
    report.put(mountpath.toString(), usage + ", to free " + toFree + " bytes: " + (evictable == 0
        ? "nothing evictable (ais buckets are never evicted)" : "evicted " + freed + " bytes"));
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  @Override
  protected String describe() {
    StringBuilder text = new StringBuilder(buckets.isEmpty() ? "all buckets" : buckets.toString());
    report.forEach((mountpath, line) -> text.append("; ").append(mountpath).append(": ").append(line));
    return text.toString();
  }
}
