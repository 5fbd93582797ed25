package io.jais.node.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The primary's answer to a keepalive: the metadata the node lacks, or, for a node it no longer
 * has in its map (dropped while unreachable), the request to join again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeepaliveReply(@JsonProperty("rejoin") boolean rejoin, @JsonProperty("meta") MetaPayload meta) {
  public static KeepaliveReply rejoinFirst() {
    return new KeepaliveReply(true, null);
  }

  public static KeepaliveReply newer(MetaPayload meta) {
    return new KeepaliveReply(false, meta.isEmpty() ? null : meta);
  }
}
