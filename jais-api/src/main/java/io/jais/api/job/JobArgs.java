package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;
import java.util.List;

/**
 * Names a job to start, stop or query (AIS {@code xact.ArgsMsg}, spec §11.1–11.3): its ID and/or
 * kind, optionally one node and one or more buckets. The keys are capitalized because the Go
 * struct has no JSON tags; AIS matches them case-insensitively.
 *
 * @param id job ID; empty for "any"
 * @param kind job kind, e.g. {@code lru}; empty for "any"
 * @param node daemon ID to ask; empty for all targets
 * @param bucket the one bucket of the job, or null
 * @param buckets several buckets, or null
 */
public record JobArgs(
    @JsonProperty("ID") String id,
    @JsonProperty("Kind") String kind,
    @JsonProperty("DaemonID") String node,
    @JsonProperty("Bck") Bucket bucket,
    @JsonProperty("Buckets") List<Bucket> buckets) {

  public JobArgs {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
    node = node == null ? "" : node;
  }

  /** The job with this ID. */
  public static JobArgs ofId(String id) {
    return new JobArgs(id, "", "", null, null);
  }

  /** Every job of this kind (empty: of any kind). */
  public static JobArgs ofKind(String kind) {
    return new JobArgs("", kind, "", null, null);
  }
}
