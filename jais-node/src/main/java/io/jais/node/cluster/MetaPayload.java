package io.jais.node.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.Rmd;
import io.jais.api.cluster.Smap;
import io.jais.api.config.ClusterConfig;

/**
 * Cluster metadata in flight between nodes: metasync pushes, join replies and keepalive replies.
 * Any document may be absent (only the changed ones travel).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaPayload(Smap smap, Bmd bmd, ClusterConfig config, Rmd rmd) {
  /** Without rebalance metadata. */
  public MetaPayload(Smap smap, Bmd bmd, ClusterConfig config) {
    this(smap, bmd, config, null);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return smap == null && bmd == null && config == null && rmd == null;
  }
}
