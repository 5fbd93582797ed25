package io.jais.api.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What became of one entry (AIS {@code apc.MossOut}), in the metadata part of a multipart reply.
 *
 * @param size bytes delivered (0 for a missing entry)
 * @param errMsg why the entry is missing; empty when delivered
 */
public record MossOut(
    @JsonProperty("objname") String objname,
    @JsonProperty("archpath") @JsonInclude(JsonInclude.Include.NON_EMPTY) String archpath,
    @JsonProperty("bucket") String bucket,
    @JsonProperty("provider") String provider,
    @JsonProperty("err_msg") @JsonInclude(JsonInclude.Include.NON_EMPTY) String errMsg,
    @JsonProperty("opaque") @JsonInclude(JsonInclude.Include.NON_EMPTY) String opaque,
    @JsonProperty("size") long size) {}
