package io.jais.node.storage;

import java.util.Map;
import java.util.Objects;

/**
 * How to store one object.
 *
 * @param checksumType the bucket's {@code checksum.type}, computed while writing
 * @param expected a checksum the client sent ({@code Ais-Checksum-Type/Value}) to validate the
 *     body against, or {@link Checksum#NONE}
 * @param custom custom metadata to attach
 * @param fsync force data and directory to disk before acknowledging (bucket write policy)
 * @param versioning bump the version ("1", "2", ...); when false the version stays empty
 */
public record PutOptions(
    ChecksumType checksumType, Checksum expected, Map<String, String> custom, boolean fsync, boolean versioning) {
  /** AIS defaults: xxhash2, no client checksum, no custom metadata, no fsync, versioned. */
  public static final PutOptions DEFAULT = new PutOptions(ChecksumType.XXHASH2, Checksum.NONE, Map.of(), false, true);

  public PutOptions {
    checksumType = Objects.requireNonNullElse(checksumType, ChecksumType.XXHASH2);
    expected = Objects.requireNonNullElse(expected, Checksum.NONE);
    custom = custom == null ? Map.of() : Map.copyOf(custom);
  }

  public PutOptions withChecksumType(ChecksumType type) {
    return new PutOptions(type, expected, custom, fsync, versioning);
  }

  public PutOptions withExpected(Checksum checksum) {
    return new PutOptions(checksumType, checksum, custom, fsync, versioning);
  }

  public PutOptions withCustom(Map<String, String> metadata) {
    return new PutOptions(checksumType, expected, metadata, fsync, versioning);
  }

  public PutOptions withFsync(boolean value) {
    return new PutOptions(checksumType, expected, custom, value, versioning);
  }

  public PutOptions withVersioning(boolean value) {
    return new PutOptions(checksumType, expected, custom, fsync, value);
  }
}
