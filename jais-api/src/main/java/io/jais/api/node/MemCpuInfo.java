package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A node's memory and CPU (AIS {@code apc.MemCPUInfo}): the process's resident memory, the
 * host's available memory, CPU use in percent and the load average.
 *
 * @param memUsed resident bytes of the node's process
 * @param memAvail bytes of host memory still available
 * @param cpuUtil host CPU use in percent, as an integer (AIS {@code cpu_util})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemCpuInfo(
    @JsonProperty("mem_used") long memUsed,
    @JsonProperty("mem_avail") long memAvail,
    @JsonProperty("pct_mem_used") double pctMemUsed,
    @JsonProperty("pct_cpu_used") double pctCpuUsed,
    @JsonProperty("load_avg") LoadAverage loadAverage,
    @JsonProperty("cpu_util") long cpuUtil) {}
