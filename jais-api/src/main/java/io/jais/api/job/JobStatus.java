package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The cluster-wide status of one job (AIS {@code nl.Status}, docs/native-api.md#jobs).
 *
 * @param endTimeNanos Unix nanoseconds when it ended; 0 while it runs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStatus(
    @JsonProperty("kind") String kind,
    @JsonProperty("uuid") String id,
    @JsonProperty("err") String error,
    @JsonProperty("end_time") long endTimeNanos,
    @JsonProperty("aborted") boolean aborted,
    @JsonProperty("is_idle") boolean idle) {

  public JobStatus {
    kind = kind == null ? "" : kind;
    id = id == null ? "" : id;
    error = error == null ? "" : error;
  }

  /** True once the job has ended, successfully or not. */
  @JsonIgnore
  public boolean finished() {
    return endTimeNanos != 0 || aborted;
  }
}
