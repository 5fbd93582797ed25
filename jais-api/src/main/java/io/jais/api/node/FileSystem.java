package io.jais.api.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The file system a mountpath lives on (AIS {@code cos.FS}, which has no JSON tags, hence the Go
 * field names).
 *
 * @param device the device or source, e.g. {@code /dev/nvme0n1p2}
 * @param type the file system type, e.g. {@code ext4}
 * @param id identifies the file system, so that mountpaths sharing one are counted once; two
 *     comma-separated integers as AIS prints its {@code FsID}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileSystem(
    @JsonProperty("Fs") String device,
    @JsonProperty("FsType") String type,
    @JsonProperty("FsID") String id) {}
