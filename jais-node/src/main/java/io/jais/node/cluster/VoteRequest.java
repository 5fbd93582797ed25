package io.jais.node.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A proxy's request for votes ({@code POST /v1/vote/proxy}) or a node's request that a proxy run
 * for primary ({@code PUT /v1/vote/init}): the candidate, the primary it replaces, and the
 * cluster-map version the sender saw that primary in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VoteRequest(
    @JsonProperty("candidate") String candidate,
    @JsonProperty("primary") String primary,
    @JsonProperty("smap_version") long smapVersion) {}
