package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A query over many jobs ({@code what=status_all} and {@code what=running_all}, spec §11.4,
 * §11.7; AIS {@code xact.QueryMsg}).
 *
 * @param kind job kind; empty for all
 * @param node daemon ID; empty for all targets
 * @param activeOnly only running jobs
 */
public record JobQuery(
    @JsonProperty("kind") String kind,
    @JsonProperty("node") String node,
    @JsonProperty("show_active") boolean activeOnly) {

  public JobQuery {
    kind = kind == null ? "" : kind;
    node = node == null ? "" : node;
  }
}
