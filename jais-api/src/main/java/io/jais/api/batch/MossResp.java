package io.jais.api.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The metadata part of a multipart get-batch reply (AIS {@code apc.MossResp}): the job ID and every entry's outcome, in order. */
public record MossResp(@JsonProperty("uuid") String uuid, @JsonProperty("out") List<MossOut> out) {}
