package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.json.U64String;

/**
 * A target's {@code what=sysinfo} (AIS {@code apc.TSysInfo}): {@link MemCpuInfo}'s fields and the
 * capacity summary ({@code apc.CapacityInfo}) side by side in one flat object.
 *
 * @param fsUsed bytes used over the target's file systems
 * @param fsCapacity total bytes of those file systems
 * @param pctFsUsed average used percentage over mountpaths
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetSysInfo(
    @JsonProperty("mem_used") long memUsed,
    @JsonProperty("mem_avail") long memAvail,
    @JsonProperty("pct_mem_used") double pctMemUsed,
    @JsonProperty("pct_cpu_used") double pctCpuUsed,
    @JsonProperty("load_avg") LoadAverage loadAverage,
    @JsonProperty("cpu_util") long cpuUtil,
    @JsonProperty("fs_used")
        @JsonSerialize(using = U64String.Unsigned.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long fsUsed,
    @JsonProperty("fs_capacity")
        @JsonSerialize(using = U64String.Unsigned.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long fsCapacity,
    @JsonProperty("pct_fs_used") double pctFsUsed) {

  public static TargetSysInfo of(MemCpuInfo mem, TargetCapacity capacity) {
    return new TargetSysInfo(mem.memUsed(), mem.memAvail(), mem.pctMemUsed(), mem.pctCpuUsed(), mem.loadAverage(),
        mem.cpuUtil(), capacity.totalUsed(), capacity.totalUsed() + capacity.totalAvailable(), capacity.pctAvg());
  }
}
