package io.jais.node.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.json.WireJson;
import java.util.List;

/**
 * What a proxy tells each target to start (internal: proxy to target): one job ID for the whole
 * cluster, the kind (wire name), its buckets, AIS's force flag and flag bits, and the
 * kind-specific parameters as JSON (e.g. the value of a {@code delete-listrange} request).
 *
 * @param bucket the job's bucket, or null
 * @param buckets several buckets (e.g. a cleanup of some buckets), or empty
 * @param params kind-specific parameters; JSON null when the kind has none
 * @param startedNanos when the proxy started the job (Unix nanoseconds; 0 when not told): one
 *     instant for every target, e.g. to tell objects written after the start by any target
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStart(
    @JsonProperty("id") String id,
    @JsonProperty("kind") String kind,
    @JsonProperty("bck") Bucket bucket,
    @JsonProperty("buckets") List<Bucket> buckets,
    @JsonProperty("flags") long flags,
    @JsonProperty("force") boolean force,
    @JsonProperty("params") JsonNode params,
    @JsonProperty("started") long startedNanos) {

  public JobStart {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
    bucket = bucket == null || bucket.name().isEmpty() ? null : bucket;
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
    params = params == null ? NullNode.getInstance() : params;
  }

  /** A start without a start time (the target's own clock then counts). */
  public JobStart(String id, String kind, Bucket bucket, List<Bucket> buckets, long flags, boolean force,
      JsonNode params) {
    this(id, kind, bucket, buckets, flags, force, params, 0);
  }

  /** A start of {@code kind} with the generic arguments of {@code args} (ID, buckets, flags, force). */
  public static JobStart of(String id, String kind, JobArgs args, Object params) {
    List<Bucket> several = args.buckets() == null ? List.of() : args.buckets();
    Bucket one = args.bucket() != null && !args.bucket().name().isEmpty() ? args.bucket()
        : several.size() == 1 ? several.getFirst() : null;
    return new JobStart(id, kind, one, several.size() > 1 ? several : List.of(), args.flags(), args.force(),
        params == null ? null : WireJson.MAPPER.valueToTree(params));
  }

  /** A start of a bucket's job with parameters (multi-object actions, summaries). */
  public static JobStart onBucket(String id, String kind, Bucket bucket, Object params) {
    return new JobStart(id, kind, bucket, List.of(), 0, false, params == null ? null : WireJson.MAPPER.valueToTree(params));
  }

  /** The buckets named: the one bucket, or several, or none (= every bucket, where the kind allows). */
  @JsonIgnore
  public List<Bucket> allBuckets() {
    return bucket != null ? List.of(bucket) : buckets;
  }

  /** True when the flag bit is set (see {@link JobArgs#FLAG_KEEP_MISPLACED}). */
  public boolean hasFlag(long flag) {
    return (flags & flag) != 0;
  }

  /** The parameters as a record of the kind; 400 when they do not parse. */
  public <T> T params(Class<T> type) {
    return WireJson.convert(params, type);
  }
}
