package io.jais.api.object;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One list-objects entry (AIS LsoEnt). On the wire (msgpack) the keys are short: {@code n cs a v
 * t m s c f}; empty and zero fields are omitted (docs/native-api.md#listing-objects).
 *
 * @param name object name; virtual directories end with {@code /}
 * @param checksum checksum value (hex) without its type
 * @param atime formatted access time
 * @param location {@code t[<tid>]:<mountpath>}
 * @param custom custom metadata rendered as {@code [k1:v1 k2:v2]}
 * @param flags status and {@link EntryFlags} bits
 */
public record ObjectEntry(
    String name,
    String checksum,
    String atime,
    String version,
    String location,
    String custom,
    long size,
    int copies,
    int flags) {

  public ObjectEntry {
    checksum = checksum == null ? "" : checksum;
    atime = atime == null ? "" : atime;
    version = version == null ? "" : version;
    location = location == null ? "" : location;
    custom = custom == null ? "" : custom;
  }

  public static ObjectEntry named(String name, int flags) {
    return new ObjectEntry(name, "", "", "", "", "", 0, 0, flags);
  }

  @JsonIgnore
  public boolean isDir() {
    return (flags & EntryFlags.IS_DIR) != 0;
  }
}
