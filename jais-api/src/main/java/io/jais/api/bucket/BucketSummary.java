package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.json.U64String;

/**
 * A bucket summary (AIS {@code BsummResult}, docs/native-api.md#summary-and-info): object counts and
 * sizes of one bucket
 * (optionally under a prefix). Note the capitalized section keys and the counters encoded as
 * strings, exactly as AIS writes them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "provider", "namespace", "ObjCount", "ObjSize", "TotalSize", "used_pct", "is_present"})
public record BucketSummary(
    @JsonUnwrapped Bucket bucket,
    @JsonProperty("ObjCount") Counts counts,
    @JsonProperty("ObjSize") Sizes sizes,
    @JsonProperty("TotalSize") Totals totals,
    @JsonProperty("used_pct") long usedPct,
    @JsonProperty("is_present") boolean present) {

  /** Object counts. */
  public record Counts(
      @JsonProperty("obj_count_present")
          @JsonSerialize(using = U64String.Unsigned.class)
          @JsonDeserialize(using = U64String.Reader.class)
          long present,
      @JsonProperty("obj_count_remote")
          @JsonSerialize(using = U64String.Unsigned.class)
          @JsonDeserialize(using = U64String.Reader.class)
          long remote) {}

  /** Object size statistics, in bytes. */
  public record Sizes(
      @JsonProperty("obj_min_size") long min,
      @JsonProperty("obj_avg_size") long avg,
      @JsonProperty("obj_max_size") long max) {}

  /** Space totals, in bytes. */
  public record Totals(
      @JsonProperty("size_on_disk")
          @JsonSerialize(using = U64String.Unsigned.class)
          @JsonDeserialize(using = U64String.Reader.class)
          long onDisk,
      @JsonProperty("size_all_present_objs")
          @JsonSerialize(using = U64String.Unsigned.class)
          @JsonDeserialize(using = U64String.Reader.class)
          long presentObjects,
      @JsonProperty("size_all_remote_objs")
          @JsonSerialize(using = U64String.Unsigned.class)
          @JsonDeserialize(using = U64String.Reader.class)
          long remoteObjects,
      @JsonProperty("total_disks_size")
          @JsonSerialize(using = U64String.Unsigned.class)
          @JsonDeserialize(using = U64String.Reader.class)
          long disks) {}
}
