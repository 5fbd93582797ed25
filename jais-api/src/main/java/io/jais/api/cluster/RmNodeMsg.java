package io.jais.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.JaisException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The value of the node-lifecycle actions ({@code start-maintenance}, {@code stop-maintenance},
 * {@code decommission-node}, {@code shutdown-node}; AIS {@code apc.ActValRmNode}): one node
 * ({@code sid}) or several ({@code sids}) and options.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RmNodeMsg(
    @JsonProperty("sid") String id,
    @JsonProperty("sids") List<String> ids,
    @JsonProperty("skip_rebalance") boolean skipRebalance,
    @JsonProperty("rm_user_data") boolean rmUserData,
    @JsonProperty("keep_initial_config") boolean keepInitialConfig,
    @JsonProperty("no_shutdown") boolean noShutdown) {

  public static RmNodeMsg of(String id) {
    return new RmNodeMsg(id, null, false, false, false, false);
  }

  /**
   * The node IDs named, in order, without repeats.
   *
   * @throws JaisException INVALID_ARGUMENT when none is named
   */
  public List<String> nodeIds() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    if (id != null && !id.isBlank()) {
      all.add(id);
    }
    if (ids != null) {
      ids.stream().filter(s -> s != null && !s.isBlank()).forEach(all::add);
    }
    if (all.isEmpty()) {
      throw JaisException.invalid("invalid membership-change operation: no node ID (\"sid\" or \"sids\")");
    }
    return new ArrayList<>(all);
  }
}
