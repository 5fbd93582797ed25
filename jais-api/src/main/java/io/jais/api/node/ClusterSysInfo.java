package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code GET /v1/cluster?what=sysinfo} (AIS {@code apc.ClusterSysInfo}): every node's, by node ID. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterSysInfo(
    @JsonProperty("proxy") Map<String, MemCpuInfo> proxies,
    @JsonProperty("target") Map<String, TargetSysInfo> targets) {}
