package io.jais.node.objects;

import io.jais.node.storage.Checksum;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a writer tells {@link ObjectService#put} beyond the bytes; the bucket's properties supply
 * the rest (checksum type, versioning, fsync).
 *
 * @param expected a checksum the body must match (the client's {@code Ais-Checksum-*}), or none
 * @param custom the custom metadata, asked for once the whole body has arrived and been verified,
 *     just before the commit: an S3 ETag is the MD5 of the body, known only then
 */
public record PutArgs(Checksum expected, Supplier<Map<String, String>> custom) {
  /** No checksum to verify, no custom metadata. */
  public static final PutArgs PLAIN = of(Checksum.NONE, Map.of());

  public PutArgs {
    expected = Objects.requireNonNullElse(expected, Checksum.NONE);
    Objects.requireNonNull(custom, "custom");
  }

  /** Custom metadata known before the body. */
  public static PutArgs of(Checksum expected, Map<String, String> custom) {
    Map<String, String> copy = Map.copyOf(custom);
    return new PutArgs(expected, () -> copy);
  }

  /** Custom metadata computed from the body (see {@link #custom()}). */
  public static PutArgs customAfterBody(Supplier<Map<String, String>> custom) {
    return new PutArgs(Checksum.NONE, custom);
  }
}
