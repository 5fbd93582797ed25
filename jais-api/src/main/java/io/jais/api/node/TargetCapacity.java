package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.json.U64String;
import java.util.Map;

/**
 * A target's capacity over all its mountpaths (AIS {@code fs.Tcdf}). The totals count each file
 * system once, however many mountpaths share it; the percentages are over mountpaths.
 *
 * @param mountpaths mountpath → its capacity; empty for a proxy
 * @param error why the target is out of space or a disk faulted; empty when all is well
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetCapacity(
    @JsonProperty("mountpaths") Map<String, MountpathCapacity> mountpaths,
    @JsonProperty("cs_err") String error,
    @JsonProperty("total_used")
        @JsonSerialize(using = U64String.Unsigned.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long totalUsed,
    @JsonProperty("total_avail")
        @JsonSerialize(using = U64String.Unsigned.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long totalAvailable,
    @JsonProperty("pct_max") int pctMax,
    @JsonProperty("pct_avg") int pctAvg,
    @JsonProperty("pct_min") int pctMin) {

  /** What a proxy reports: no mountpaths. */
  public static final TargetCapacity NONE = new TargetCapacity(Map.of(), "", 0, 0, 0, 0, 0);

  public TargetCapacity {
    mountpaths = mountpaths == null ? Map.of() : mountpaths;
    error = error == null ? "" : error;
  }
}
