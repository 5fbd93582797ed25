package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.BucketRef;
import java.util.Map;

/**
 * One target's view of one job ({@code what=qryxstats}, spec §11.5). Times are RFC 3339;
 * {@code 0001-01-01T00:00:00Z} (Go's zero time) means "not ended". Counters arrive as strings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSnapshot(
    @JsonProperty("id") String id,
    @JsonProperty("kind") String kind,
    @JsonProperty("start-time") String startTime,
    @JsonProperty("end-time") String endTime,
    @JsonProperty("bck") BucketRef bucket,
    @JsonProperty("abort-err") String abortError,
    @JsonProperty("err") String error,
    @JsonProperty("stats") Map<String, String> stats,
    @JsonProperty("aborted") boolean aborted,
    @JsonProperty("is_idle") boolean idle) {

  /** Go's zero {@code time.Time}: the end time of a job that has not ended. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  public JobSnapshot {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
    startTime = startTime == null ? "" : startTime;
    endTime = endTime == null ? "" : endTime;
    bucket = bucket == null ? BucketRef.NONE : bucket;
    abortError = abortError == null ? "" : abortError;
    error = error == null ? "" : error;
    stats = stats == null ? Map.of() : Map.copyOf(stats);
  }

  /** True when the job has an end time or was aborted. */
  @JsonIgnore
  public boolean finished() {
    return aborted || !(endTime.isEmpty() || endTime.equals(ZERO_TIME));
  }
}
