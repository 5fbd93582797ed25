package io.jais.client;

import io.jais.api.Header;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Optional request headers of an object PUT (docs/native-api.md#objects): an end-to-end checksum the server
 * validates ({@code Ais-Checksum-Type}/{@code Ais-Checksum-Value}) and custom metadata to store
 * with the object ({@code Ais-Custom-Md}, one {@code k=v} header per entry). Immutable and
 * thread-safe; no field is null.
 *
 * @param checksumType e.g. {@code xxhash2}, {@code md5}; empty for none
 * @param checksumValue lowercase hex; empty for none
 * @param custom custom metadata; keys must not contain {@code =} and values must not contain
 *     {@code ", "} (the header's separators)
 */
public record PutOptions(String checksumType, String checksumValue, Map<String, String> custom) {
  /** No checksum, no custom metadata. */
  public static final PutOptions NONE = new PutOptions("", "", Map.of());

  public PutOptions {
    checksumType = checksumType == null ? "" : checksumType;
    checksumValue = checksumValue == null ? "" : checksumValue;
    custom = Collections.unmodifiableMap(new TreeMap<>(custom == null ? Map.of() : custom));
    if (checksumType.isEmpty() != checksumValue.isEmpty()) {
      throw new IllegalArgumentException("checksum type and value go together: type \"" + checksumType
          + "\", value \"" + checksumValue + "\"");
    }
    for (Map.Entry<String, String> entry : custom.entrySet()) {
      Objects.requireNonNull(entry.getValue(), "custom metadata value");
      if (entry.getKey().isEmpty() || entry.getKey().contains("=") || entry.getValue().contains(", ")) {
        throw new IllegalArgumentException("custom metadata " + entry.getKey() + "=" + entry.getValue()
            + " cannot travel in a header (expected: non-empty key without '=', value without \", \")");
      }
    }
  }

  /** Returns options that ask the server to verify the content against this checksum. */
  public PutOptions withChecksum(String type, String value) {
    return new PutOptions(type, value, custom);
  }

  /** Returns options that store this custom metadata with the object. */
  public PutOptions withCustom(Map<String, String> metadata) {
    return new PutOptions(checksumType, checksumValue, metadata);
  }

  /** Adds the headers to a call. */
  void apply(Call call) {
    if (!checksumType.isEmpty()) {
      call.header(Header.CHECKSUM_TYPE, checksumType).header(Header.CHECKSUM_VALUE, checksumValue);
    }
    custom.forEach((key, value) -> call.header(Header.CUSTOM_MD, key + "=" + value));
  }
}
