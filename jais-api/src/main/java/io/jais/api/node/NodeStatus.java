package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.cluster.Snode;
import io.jais.api.json.U64String;
import java.time.Duration;
import java.util.Map;

/**
 * A node's status (AIS {@code stats.NodeStatus}, {@code GET /v1/daemon?what=node_status},
 * docs/native-api.md#cluster-and-node): who it is, its counters, its capacity (targets), memory
 * and CPU, and the cluster map version it has.
 *
 * @param status empty when the node is online, else {@code maintenance} or {@code decommission}
 * @param deployment how the node runs ({@code K8s}, or the operating system as AIS says it)
 * @param tracker counters by AIS metric name; {@link #UPTIME} is the node's uptime in nanoseconds
 * @param capacity the target's mountpaths; {@link TargetCapacity#NONE} for a proxy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeStatus(
    @JsonProperty("status") String status,
    @JsonProperty("deployment") String deployment,
    @JsonProperty("ais_version") String version,
    @JsonProperty("build_time") String buildTime,
    @JsonProperty("k8s_pod_name") String k8sPodName,
    @JsonProperty("snode") Snode snode,
    @JsonProperty("tracker") Map<String, TrackerValue> tracker,
    @JsonProperty("capacity") TargetCapacity capacity,
    @JsonProperty("sys_info") MemCpuInfo sysInfo,
    @JsonProperty("smap_version")
        @JsonSerialize(using = U64String.Signed.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long smapVersion) {

  /** The tracker counter holding the node's uptime in nanoseconds (AIS {@code stats.Uptime}). */
  public static final String UPTIME = "up.ns.time";

  public NodeStatus {
    status = status == null ? "" : status;
    tracker = tracker == null ? Map.of() : Map.copyOf(tracker);
    capacity = capacity == null ? TargetCapacity.NONE : capacity;
  }

  /** How long the node has been up; zero when it does not say. */
  public Duration uptime() {
    TrackerValue nanos = tracker.get(UPTIME);
    return nanos == null ? Duration.ZERO : Duration.ofNanos(nanos.value());
  }
}
