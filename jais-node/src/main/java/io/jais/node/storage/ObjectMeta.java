package io.jais.node.storage;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The attributes of a stored object (AIS "LOM"): what {@code HEAD} reports and what lives in the
 * {@code user.jais.lom} extended attribute. Times are Unix nanoseconds. {@code version} is empty
 * when the bucket does not version objects; custom metadata is kept sorted by key so that headers
 * and encodings are deterministic. {@code copies} lists the mountpaths of the mirror copies
 * besides the main file (empty for an object that is not mirrored).
 */
public record ObjectMeta(
    long size,
    Checksum checksum,
    String version,
    long atimeNanos,
    long mtimeNanos,
    Map<String, String> custom,
    List<String> copies) {

  public ObjectMeta {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
    }
    checksum = Objects.requireNonNullElse(checksum, Checksum.NONE);
    version = Objects.requireNonNullElse(version, "");
    custom = custom == null || custom.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(custom));
    copies = copies == null ? List.of() : List.copyOf(copies);
  }

  public ObjectMeta withVersion(String newVersion) {
    return new ObjectMeta(size, checksum, newVersion, atimeNanos, mtimeNanos, custom, copies);
  }

  public ObjectMeta withAtime(long newAtimeNanos) {
    return new ObjectMeta(size, checksum, version, newAtimeNanos, mtimeNanos, custom, copies);
  }

  public ObjectMeta withCopies(List<String> newCopies) {
    return new ObjectMeta(size, checksum, version, atimeNanos, mtimeNanos, custom, newCopies);
  }

  /** True when both describe the same write of the object (atime, custom and copies may differ). */
  public boolean sameWrite(ObjectMeta other) {
    return sameGeneration(other);
  }

  public ObjectMeta withCustom(Map<String, String> newCustom) {
    return new ObjectMeta(size, checksum, version, atimeNanos, mtimeNanos, newCustom, copies);
  }

  /** True when both describe the same write of the object (atime and custom may differ). */
  boolean sameGeneration(ObjectMeta other) {
    return size == other.size && mtimeNanos == other.mtimeNanos && version.equals(other.version)
        && checksum.equals(other.checksum);
  }

  /** The version that follows {@code previous}: "1" for a new object or a non-numeric version. */
  static String nextVersion(String previous) {
    try {
      return previous.isEmpty() ? "1" : Long.toString(Math.addExact(Long.parseLong(previous), 1));
    } catch (NumberFormatException | ArithmeticException e) {
      return "1";
    }
  }
}
