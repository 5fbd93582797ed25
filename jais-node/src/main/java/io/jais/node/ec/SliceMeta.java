package io.jais.node.ec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.json.WireJson;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every slice and every full replica of an erasure-coded object carries with it (in its file
 * and on the wire, as JSON): the object's name and whole metadata, which generation of the object
 * it belongs to, the code (D, P), its own index and length, and the checksum of its own bytes.
 *
 * @param name the object's name (slices are filed under its hash; this tells collisions apart)
 * @param objectSize the object's size in bytes
 * @param checksumType the object's checksum type (wire name)
 * @param checksumValue the object's checksum
 * @param version the object's version
 * @param atimeNanos the object's access time, restored with it
 * @param mtimeNanos the object's modification time: with version and checksum, its generation
 * @param custom the object's custom metadata
 * @param data D, data slices of the code
 * @param parity P, parity slices of the code
 * @param index 1..D for data slices, D+1..D+P for parity slices, 0 for a full replica
 * @param sliceSize every slice's length ({@code ceil(objectSize / D)}; the last data slices are
 *     padded with zeros); a replica's length is the object's size
 * @param sliceChecksum XXH64 (hex) of the bytes this slice holds, filled in by the target storing
 *     it; empty on the wire
 */
public record SliceMeta(
    @JsonProperty("name") String name,
    @JsonProperty("size") long objectSize,
    @JsonProperty("cksum_type") String checksumType,
    @JsonProperty("cksum_value") String checksumValue,
    @JsonProperty("version") String version,
    @JsonProperty("atime") long atimeNanos,
    @JsonProperty("mtime") long mtimeNanos,
    @JsonProperty("custom") Map<String, String> custom,
    @JsonProperty("data") int data,
    @JsonProperty("parity") int parity,
    @JsonProperty("slice") int index,
    @JsonProperty("slice_size") long sliceSize,
    @JsonProperty("slice_cksum") String sliceChecksum) {

  public SliceMeta {
    Objects.requireNonNull(name, "name");
    version = Objects.requireNonNullElse(version, "");
    custom = custom == null ? Map.of() : Map.copyOf(custom);
    sliceChecksum = Objects.requireNonNullElse(sliceChecksum, "");
    checksumType = Objects.requireNonNullElse(checksumType, "none");
    checksumValue = Objects.requireNonNullElse(checksumValue, "");
    if (data < 1 || parity < 1 || index < 0 || index > data + parity || objectSize < 0 || sliceSize < 0) {
      throw new IllegalArgumentException("invalid slice metadata: " + data + "+" + parity + ", slice " + index
          + ", object size " + objectSize + ", slice size " + sliceSize);
    }
  }

  /** The metadata of slice {@code index} of {@code object} under a D+P code. */
  static SliceMeta of(String name, ObjectMeta object, int data, int parity, int index) {
    long sliceSize = index == 0 ? object.size() : sliceSize(object.size(), data);
    return new SliceMeta(name, object.size(), object.checksum().type().wireName(), object.checksum().value(),
        object.version(), object.atimeNanos(), object.mtimeNanos(), object.custom(), data, parity, index, sliceSize, "");
  }

  /** Length of each of D slices of an object: {@code ceil(size / D)}. */
  static long sliceSize(long objectSize, int data) {
    return (objectSize + data - 1) / data;
  }

  boolean isReplica() {
    return index == 0;
  }

  SliceMeta withSliceChecksum(String value) {
    return new SliceMeta(name, objectSize, checksumType, checksumValue, version, atimeNanos, mtimeNanos, custom, data,
        parity, index, sliceSize, value);
  }

  /** The object as it was when this slice was made, to be stored back with exactly this metadata. */
  ObjectMeta objectMeta() {
    return new ObjectMeta(objectSize, Checksum.of(checksumType, checksumValue), version, atimeNanos, mtimeNanos,
        custom, List.of());
  }

  /** The generation: slices of the same write agree on it; another write of the object does not. */
  Generation generation() {
    return new Generation(mtimeNanos, version, checksumValue, objectSize);
  }

  byte[] toJson() {
    return WireJson.toBytes(this);
  }

  static SliceMeta fromJson(byte[] json) {
    return WireJson.parse(json, SliceMeta.class);
  }

  /** One write of an object; newer by modification time, then by version. */
  record Generation(long mtimeNanos, String version, String checksum, long size) implements Comparable<Generation> {
    static Generation of(ObjectMeta meta) {
      return new Generation(meta.mtimeNanos(), meta.version(), meta.checksum().value(), meta.size());
    }

    @Override
    public int compareTo(Generation other) {
      int byTime = Long.compare(mtimeNanos, other.mtimeNanos);
      if (byTime != 0) {
        return byTime;
      }
      int byVersion = compareVersions(version, other.version);
      if (byVersion != 0) {
        return byVersion;
      }
      return checksum.compareTo(other.checksum);
    }

    private static int compareVersions(String a, String b) {
      try {
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
      } catch (NumberFormatException e) {
        return a.compareTo(b);
      }
    }
  }
}
