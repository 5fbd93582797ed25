package io.jais.node.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node's vote, with the metadata it holds, so that the winner starts from the newest versions
 * any voter has (a document the old primary pushed to some nodes only is not lost or reused).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VoteReply(@JsonProperty("yes") boolean yes, @JsonProperty("meta") MetaPayload meta) {}
