package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.json.U64String;
import java.util.List;

/**
 * One mountpath's capacity, disks and file system (AIS {@code fs.CDF}, with {@code fs.Capacity}
 * inlined): bytes used and available on its file system, and the used percentage.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountpathCapacity(
    @JsonProperty("mountpath_label") String label,
    @JsonProperty("fs") FileSystem fileSystem,
    @JsonProperty("disks") List<String> disks,
    @JsonProperty("used")
        @JsonSerialize(using = U64String.Unsigned.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long used,
    @JsonProperty("avail")
        @JsonSerialize(using = U64String.Unsigned.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long available,
    @JsonProperty("pct_used") int pctUsed) {}
