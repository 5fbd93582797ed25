package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;

/**
 * A query over jobs (AIS {@code xact.QueryMsg}): {@code what=status}, {@code status_all},
 * {@code qryxstats} and {@code running_all}. Clients send either this shape or {@link JobArgs}
 * (the AIS Python SDK sends {@code {"ID":..,"Kind":..}} for one job); keys match
 * case-insensitively, so both parse into this record ({@code DaemonID} is not {@code node} and is
 * dropped, as in AIS).
 *
 * @param id job ID; empty for all
 * @param kind job kind or display name; empty for all
 * @param node daemon ID; empty for all targets
 * @param bucket only jobs on this bucket, or null
 * @param activeOnly only running jobs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobQuery(
    @JsonProperty("id") String id,
    @JsonProperty("kind") String kind,
    @JsonProperty("node") @JsonInclude(JsonInclude.Include.NON_EMPTY) String node,
    @JsonProperty("bck") Bucket bucket,
    @JsonProperty("show_active") boolean activeOnly) {

  public JobQuery {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
    node = node == null ? "" : node;
    bucket = bucket == null || bucket.name().isEmpty() ? null : bucket;
  }

  /** A query by kind and node (the SDK's {@code list_jobs_status} and {@code list_running_jobs}). */
  public JobQuery(String kind, String node, boolean activeOnly) {
    this("", kind, node, null, activeOnly);
  }

  /** The query of one job, by ID. */
  public static JobQuery ofId(String id) {
    return new JobQuery(id, "", "", null, false);
  }

  /** The same query with another kind (the wire name for a display name). */
  public JobQuery withKind(String newKind) {
    return new JobQuery(id, newKind, node, bucket, activeOnly);
  }
}
