package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** System load averages over 1, 5 and 15 minutes (AIS {@code sys.LoadAvg}: Go field names, no tags). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadAverage(
    @JsonProperty("One") double one,
    @JsonProperty("Five") double five,
    @JsonProperty("Fifteen") double fifteen) {}
