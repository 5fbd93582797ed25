package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A target's mountpaths by state (AIS {@code apc.MountpathList}). JAIS mountpaths are all
 * available: it has no disable/detach yet, so the other lists are empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountpathList(
    @JsonProperty("available") List<String> available,
    @JsonProperty("waiting_dd") List<String> waitingDd,
    @JsonProperty("disabled") List<String> disabled) {}
