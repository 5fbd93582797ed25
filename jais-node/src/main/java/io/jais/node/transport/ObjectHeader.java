package io.jais.node.transport;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ObjectMeta;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What travels in front of every object on a stream: where it goes on the receiver ({@code trname},
 * the receive handler's name), who sent it ({@code jobId}), which object it is and its attributes,
 * plus opaque bytes only the handler interprets (e.g. erasure-coding slice metadata).
 *
 * <p>The attributes describe the object, not necessarily the bytes that follow: an erasure-coding
 * slice carries the whole object's size, a header-only notice carries none. The body's own length
 * is the {@link Body}'s.
 *
 * @param trname the receive handler's name ({@link ObjectStreams#register}); 1..255 bytes
 * @param jobId the sending job's ID; empty when no job sends
 * @param bucket the object's bucket (provider and namespace included)
 * @param objectName the object's name
 * @param size the object's size in bytes; -1 when unknown
 * @param checksum the object's checksum, or {@link Checksum#NONE}
 * @param version the object's version; empty when unversioned
 * @param atimeNanos last access, Unix nanoseconds; 0 when unknown
 * @param mtimeNanos last modification, Unix nanoseconds; 0 when unknown
 * @param custom custom metadata (sorted by key)
 * @param opaque bytes for the handler; copied in and out, so neither side can change the other's
 */
public record ObjectHeader(
    String trname,
    String jobId,
    Bucket bucket,
    String objectName,
    long size,
    Checksum checksum,
    String version,
    long atimeNanos,
    long mtimeNanos,
    Map<String, String> custom,
    byte[] opaque) {

  private static final byte[] NO_BYTES = {};

  public ObjectHeader {
    Objects.requireNonNull(trname, "trname");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(objectName, "objectName");
    if (trname.isEmpty()) {
      throw new IllegalArgumentException("trname is empty");
    }
    jobId = Objects.requireNonNullElse(jobId, "");
    checksum = Objects.requireNonNullElse(checksum, Checksum.NONE);
    version = Objects.requireNonNullElse(version, "");
    custom = custom == null || custom.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(custom));
    opaque = opaque == null || opaque.length == 0 ? NO_BYTES : opaque.clone();
    if (size < -1) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= -1)");
    }
  }

  /** A header naming only the object: no attributes (e.g. a delete notice). */
  public static ObjectHeader of(String trname, Bucket bucket, String objectName) {
    return new ObjectHeader(trname, "", bucket, objectName, -1, Checksum.NONE, "", 0, 0, Map.of(), null);
  }

  /** A header carrying a stored object's attributes, as a copy or rebalance sends it. */
  public static ObjectHeader of(String trname, Bucket bucket, String objectName, ObjectMeta meta) {
    return new ObjectHeader(trname, "", bucket, objectName, meta.size(), meta.checksum(), meta.version(),
        meta.atimeNanos(), meta.mtimeNanos(), meta.custom(), null);
  }

  public ObjectHeader withJobId(String id) {
    return new ObjectHeader(trname, id, bucket, objectName, size, checksum, version, atimeNanos, mtimeNanos, custom,
        opaque);
  }

  public ObjectHeader withOpaque(byte[] bytes) {
    return new ObjectHeader(trname, jobId, bucket, objectName, size, checksum, version, atimeNanos, mtimeNanos, custom,
        bytes);
  }

  public ObjectHeader withCustom(Map<String, String> metadata) {
    return new ObjectHeader(trname, jobId, bucket, objectName, size, checksum, version, atimeNanos, mtimeNanos,
        metadata, opaque);
  }

  public ObjectHeader withChecksum(Checksum value) {
    return new ObjectHeader(trname, jobId, bucket, objectName, size, value, version, atimeNanos, mtimeNanos, custom,
        opaque);
  }

  /** A copy of the opaque bytes (empty when none). */
  @Override
  public byte[] opaque() {
    return opaque.length == 0 ? NO_BYTES : opaque.clone();
  }

  int opaqueLength() {
    return opaque.length;
  }

  /** The bytes themselves, for the encoder only: never handed out. */
  byte[] opaqueUnsafe() {
    return opaque;
  }

  /** {@code ais://bucket/name}, as messages name objects. */
  public String describe() {
    return bucket.uri() + "/" + objectName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectHeader h && size == h.size && atimeNanos == h.atimeNanos && mtimeNanos == h.mtimeNanos
        && trname.equals(h.trname) && jobId.equals(h.jobId) && bucket.equals(h.bucket)
        && objectName.equals(h.objectName) && checksum.equals(h.checksum) && version.equals(h.version)
        && custom.equals(h.custom) && Arrays.equals(opaque, h.opaque);
  }

  @Override
  public int hashCode() {
    return Objects.hash(trname, jobId, bucket, objectName, size, checksum, version, atimeNanos, mtimeNanos, custom)
        * 31 + Arrays.hashCode(opaque);
  }

  @Override
  public String toString() {
    return "ObjectHeader[" + trname + " " + describe() + " size=" + size + " job=" + jobId + " " + checksum
        + " version=" + version + " custom=" + custom + " opaque=" + opaque.length + " bytes]";
  }
}
