package io.jais.node.storage;

import io.jais.api.error.JaisException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checksum types of AIS bucket property {@code checksum.type} (docs/native-api.md#buckets). The wire
 * name goes into
 * {@code Ais-Checksum-Type}; the code is this type's stable id in the on-disk metadata and must
 * never change.
 */
public enum ChecksumType {
  NONE("none", 0),
  /** XXH64 with seed 0: the AIS default. */
  XXHASH2("xxhash2", 1),
  /** Older AIS name; AIS computes the same XXH64 value as {@link #XXHASH2}. */
  XXHASH("xxhash", 2),
  MD5("md5", 3),
  CRC32C("crc32c", 4),
  /** AIS computes SHA-512/256 under this name, not SHA-256. */
  SHA256("sha256", 5),
  SHA512("sha512", 6);

  private final String wireName;
  private final int code;

  ChecksumType(String wireName, int code) {
    this.wireName = wireName;
    this.code = code;
  }

  public String wireName() {
    return wireName;
  }

  int code() {
    return code;
  }

  /** True when both types produce the same value for the same bytes. */
  public boolean sameValueAs(ChecksumType other) {
    return this == other || (isXxh64() && other.isXxh64());
  }

  private boolean isXxh64() {
    return this == XXHASH || this == XXHASH2;
  }

  /**
   * Parses a wire name; null or empty is {@link #NONE}.
   *
   * @throws JaisException INVALID_ARGUMENT for an unknown name
   */
  public static ChecksumType parse(String wireName) {
    if (wireName == null || wireName.isEmpty()) {
      return NONE;
    }
    for (ChecksumType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw JaisException.invalid("invalid checksum type \"" + wireName + "\" (expected: "
        + Arrays.stream(values()).map(ChecksumType::wireName).collect(Collectors.joining(", ")) + ")");
  }

  static ChecksumType ofCode(int code) {
    for (ChecksumType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown checksum type code " + code);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
