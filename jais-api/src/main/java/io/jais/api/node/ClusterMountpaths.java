package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code GET /v1/cluster?what=mountpaths}: every target's mountpaths, by target ID. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterMountpaths(@JsonProperty("targets") Map<String, MountpathList> targets) {}
