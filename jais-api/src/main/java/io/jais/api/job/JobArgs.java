package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;
import java.util.List;

/**
 * Names a job to start, stop or query (AIS {@code xact.ArgsMsg}): its ID and/or kind, optionally
 * one node and one or more buckets. The keys are capitalized because the Go struct has no JSON
 * tags (only {@code flags} has one); AIS, like {@link io.jais.api.json.WireJson}, matches them
 * case-insensitively.
 *
 * @param id job ID; empty for "any"
 * @param kind job kind or display name, e.g. {@code lru} or {@code lru-eviction}; empty for "any"
 * @param node daemon ID to ask; empty for all targets
 * @param bucket the one bucket of the job, or null
 * @param buckets several buckets, or null
 * @param timeoutNanos how long a waiting caller waits (Go {@code time.Duration}); 0 for the default
 * @param flags kind-specific bits, e.g. {@link #FLAG_KEEP_MISPLACED}
 * @param force override a kind's restrictions (AIS {@code Force})
 * @param onlyRunning only running jobs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobArgs(
    @JsonProperty("ID") String id,
    @JsonProperty("Kind") String kind,
    @JsonProperty("DaemonID") String node,
    @JsonProperty("Bck") Bucket bucket,
    @JsonProperty("Buckets") List<Bucket> buckets,
    @JsonProperty("Timeout") long timeoutNanos,
    @JsonProperty("flags") long flags,
    @JsonProperty("Force") boolean force,
    @JsonProperty("OnlyRunning") boolean onlyRunning) {

  /** AIS {@code xact.FlagZeroSize}: store cleanup also removes zero-size objects. */
  public static final long FLAG_ZERO_SIZE = 1;
  /** AIS {@code xact.FlagKeepMisplaced}: store cleanup keeps misplaced objects. */
  public static final long FLAG_KEEP_MISPLACED = 1 << 2;

  public JobArgs {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
    node = node == null ? "" : node;
    buckets = buckets == null ? null : List.copyOf(buckets);
  }

  /** The common form: ID, kind, node and buckets, no flags. */
  public JobArgs(String id, String kind, String node, Bucket bucket, List<Bucket> buckets) {
    this(id, kind, node, bucket, buckets, 0, 0, false, false);
  }

  /** The job with this ID. */
  public static JobArgs ofId(String id) {
    return new JobArgs(id, "", "", null, null);
  }

  /** Every job of this kind (empty: of any kind). */
  public static JobArgs ofKind(String kind) {
    return new JobArgs("", kind, "", null, null);
  }

  /** The same arguments with another ID. */
  public JobArgs withId(String newId) {
    return new JobArgs(newId, kind, node, bucket, buckets, timeoutNanos, flags, force, onlyRunning);
  }

  /** The same arguments with another kind (e.g. the wire name for a display name). */
  public JobArgs withKind(String newKind) {
    return new JobArgs(id, newKind, node, bucket, buckets, timeoutNanos, flags, force, onlyRunning);
  }

  /** The buckets named, one or several; empty when none. */
  public List<Bucket> allBuckets() {
    if (buckets != null && !buckets.isEmpty()) {
      return buckets;
    }
    return bucket == null || bucket.name().isEmpty() ? List.of() : List.of(bucket);
  }

  /** True when the flag bit is set. */
  public boolean hasFlag(long flag) {
    return (flags & flag) != 0;
  }
}
