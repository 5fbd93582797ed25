package io.jais.cli.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.cluster.Snode;
import io.jais.api.error.JaisException;
import io.jais.api.node.NodeStatus;
import io.jais.api.node.TargetCapacity;
import io.jais.client.JaisClient;
import java.util.Locale;

/**
 * One node as {@code show cluster} prints it, from the node's {@code node_status} (asked through
 * the endpoint, which relays it). Capacity is over the target's distinct file systems.
 *
 * @param status {@code online}, {@code maintenance}, {@code decommission} or {@code unreachable}
 * @param report what the node said; null when it could not be asked
 * @param error why the node could not be asked; empty when it answered
 */
public record NodeRow(
    @JsonProperty("id") String id,
    @JsonProperty("role") String role,
    @JsonProperty("primary") boolean primary,
    @JsonProperty("url") String url,
    @JsonProperty("status") String status,
    @JsonProperty("node_status") NodeStatus report,
    @JsonProperty("error") String error) {

  /** Asks the cluster for the node's status; never throws for a node that cannot answer. */
  static NodeRow probe(JaisClient client, Snode node, boolean primary) {
    String role = node.role().toString().toLowerCase(Locale.ROOT);
    try {
      NodeStatus report = client.cluster().nodeStatus(node.id());
      String status = report.status().isEmpty() ? "online" : report.status();
      return new NodeRow(node.id(), role, primary, node.url(), status, report, "");
    } catch (JaisException e) {
      return new NodeRow(node.id(), role, primary, node.url(), "unreachable", null, e.getMessage());
    }
  }

  /** Whether the node answered with its status, uptime and memory (a node in maintenance does not). */
  @JsonIgnore
  boolean reported() {
    return report != null && report.sysInfo() != null;
  }

  @JsonIgnore
  TargetCapacity capacity() {
    return report == null ? TargetCapacity.NONE : report.capacity();
  }
}
