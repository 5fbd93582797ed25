package io.jais.node.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A node's periodic "alive" report to the primary, with the metadata versions it holds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeepaliveMsg(
    @JsonProperty("node_id") String nodeId,
    @JsonProperty("smap_version") long smapVersion,
    @JsonProperty("bmd_version") long bmdVersion,
    @JsonProperty("config_version") long configVersion,
    @JsonProperty("rmd_version") long rmdVersion) {}
