package io.jais.api.object;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes of one object as a client sees them: parsed from the response headers of HEAD,
 * GET and PUT ({@code Content-Length}, {@code Ais-Checksum-Type/-Value}, {@code Ais-Atime},
 * {@code Ais-Version}, {@code Ais-Custom-Md}, {@code Ais-Present}, {@code Ais-Location};
 * docs/native-api.md#object-response-headers). Fields the server did not report are empty strings,
 * {@code 0} or an empty map, never
 * null. Immutable and thread-safe.
 *
 * @param name object name (not percent-encoded)
 * @param size size in bytes
 * @param checksumType e.g. {@code xxhash2}; empty when the bucket has no checksum
 * @param checksumValue lowercase hex; empty when {@code checksumType} is empty
 * @param atimeNanos last access time in Unix nanoseconds; 0 when unknown
 * @param version object version ({@code "1"} after the first PUT in an {@code ais} bucket)
 * @param custom custom metadata, sorted by key; unmodifiable
 * @param present whether the object is stored in the cluster (false: remote only)
 * @param location {@code t[<tid>]:<mountpath>}; empty when not reported
 */
public record ObjectAttrs(
    String name,
    long size,
    String checksumType,
    String checksumValue,
    long atimeNanos,
    String version,
    Map<String, String> custom,
    boolean present,
    String location) {

  public ObjectAttrs {
    name = name == null ? "" : name;
    checksumType = checksumType == null ? "" : checksumType;
    checksumValue = checksumValue == null ? "" : checksumValue;
    version = version == null ? "" : version;
    custom = Collections.unmodifiableMap(new TreeMap<>(custom == null ? Map.of() : custom));
    location = location == null ? "" : location;
  }
}
