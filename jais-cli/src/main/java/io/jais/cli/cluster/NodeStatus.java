package io.jais.cli.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.cluster.Snode;
import io.jais.api.error.JaisException;
import io.jais.client.JaisClient;
import java.time.Duration;

/**
 * One node as {@code show cluster} reports it. Capacity is null (printed {@code n/a}) because
 * JAIS nodes do not publish disk usage yet; AIS serves it in {@code what=node_status}.
 *
 * @param uptimeNanos null when the node could not be reached
 * @param error why the node could not be reached; empty when it answered
 */
public record NodeStatus(
    @JsonProperty("id") String id,
    @JsonProperty("role") String role,
    @JsonProperty("primary") boolean primary,
    @JsonProperty("url") String url,
    @JsonProperty("status") String status,
    @JsonProperty("uptime_ns") Long uptimeNanos,
    @JsonProperty("cap_used_pct") Double capacityUsedPercent,
    @JsonProperty("cap_avail") Long capacityAvailable,
    @JsonProperty("error") String error) {

  /** Asks the node for its health; never throws for an unreachable node. */
  static NodeStatus probe(JaisClient client, Snode node, boolean primary) {
    String role = node.role().toString().toLowerCase(java.util.Locale.ROOT);
    String status = (node.flags() & Snode.MAINTENANCE) != 0 ? "maintenance"
        : (node.flags() & Snode.DECOMMISSIONING) != 0 ? "decommissioning" : "online";
    try {
      Duration uptime = client.cluster().uptime(node);
      return new NodeStatus(node.id(), role, primary, node.url(), status, uptime.toNanos(), null, null, "");
    } catch (JaisException e) {
      return new NodeStatus(node.id(), role, primary, node.url(), "unreachable", null, null, null, e.getMessage());
    }
  }
}
