package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.json.U64String;

/** One counter of a node's stats tracker (AIS {@code copyValue}: {@code {"v": "123"}}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackerValue(
    @JsonProperty("v")
        @JsonSerialize(using = U64String.Signed.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long value) {}
