package io.jais.node.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.batch.MossIn;

/**
 * What a target asks the owner of an entry for (internal): the entry, for the job that
 * asks ({@code xid}, the caller its reads are recorded as).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerEntryRequest(@JsonProperty("xid") String xid, @JsonProperty("in") MossIn in) {}
