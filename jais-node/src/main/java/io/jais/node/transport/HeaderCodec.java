package io.jais.node.transport;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.error.JaisException;
import io.jais.node.storage.Checksum;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.TreeMap;

/**
 * Object headers on the wire (layout in {@link Wire}). Decoding separates two kinds of trouble: a
 * header whose lengths or UTF-8 are broken cannot be trusted to end where it says, so it closes
 * the connection ({@link Wire#malformed}); a well-formed header with a value this node does not
 * accept (an unknown provider or checksum type) only fails its object ({@link Decoded#problem}).
 */
final class HeaderCodec {
  /** A decoded header, or the reason a well-formed one was refused. */
  record Decoded(ObjectHeader header, String trname, String name, String problem) {}

  private HeaderCodec() {}

  static void encode(ObjectHeader h, ByteBuf out) {
    StrictUtf8.writeU32(out, h.trname());
    StrictUtf8.writeU32(out, h.jobId());
    StrictUtf8.writeU32(out, h.bucket().name());
    StrictUtf8.writeU32(out, h.bucket().provider().wireName());
    StrictUtf8.writeU32(out, h.bucket().namespace().uuid());
    StrictUtf8.writeU32(out, h.bucket().namespace().name());
    StrictUtf8.writeU32(out, h.objectName());
    out.writeLong(h.size());
    StrictUtf8.writeU32(out, h.checksum().type().wireName());
    StrictUtf8.writeU32(out, h.checksum().value());
    StrictUtf8.writeU32(out, h.version());
    out.writeLong(h.atimeNanos());
    out.writeLong(h.mtimeNanos());
    out.writeInt(h.custom().size());
    h.custom().forEach((key, value) -> {
      StrictUtf8.writeU32(out, key);
      StrictUtf8.writeU32(out, value);
    });
    out.writeInt(h.opaqueLength());
    out.writeBytes(h.opaqueUnsafe());
  }

  /**
   * Reads exactly {@code length} bytes of {@code in} as a header. Every length is checked against
   * what is left of the header before anything is allocated, so memory stays within the header
   * size limit whatever the bytes say.
   */
  static Decoded decode(ByteBuf in, int length, StrictUtf8 utf8) {
    int end = in.readerIndex() + length;
    String trname = utf8.readU32(in, end, "trname");
    String jobId = utf8.readU32(in, end, "job ID");
    String bucketName = utf8.readU32(in, end, "bucket name");
    String provider = utf8.readU32(in, end, "provider");
    String nsUuid = utf8.readU32(in, end, "namespace UUID");
    String nsName = utf8.readU32(in, end, "namespace name");
    String objectName = utf8.readU32(in, end, "object name");
    long size = readLong(in, end, "size");
    String checksumType = utf8.readU32(in, end, "checksum type");
    String checksumValue = utf8.readU32(in, end, "checksum value");
    String version = utf8.readU32(in, end, "version");
    long atime = readLong(in, end, "atime");
    long mtime = readLong(in, end, "mtime");
    int entries = readCount(in, end, "custom metadata count");
    // each entry takes at least 8 bytes, so the count cannot exceed what the header holds
    if (entries > (end - in.readerIndex()) / 8) {
      throw Wire.malformed("custom metadata count " + entries + " runs past the header");
    }
    Map<String, String> custom = entries == 0 ? Map.of() : new TreeMap<>();
    for (int i = 0; i < entries; i++) {
      String key = utf8.readU32(in, end, "custom metadata key");
      custom.put(key, utf8.readU32(in, end, "custom metadata value"));
    }
    int opaqueLength = readCount(in, end, "opaque length");
    if (opaqueLength > end - in.readerIndex()) {
      throw Wire.malformed("opaque length " + opaqueLength + " runs past the header");
    }
    byte[] opaque = new byte[opaqueLength];
    in.readBytes(opaque);
    if (in.readerIndex() != end) {
      throw Wire.malformed("header has " + (end - in.readerIndex()) + " bytes after its last field");
    }
    try {
      Bucket bucket = new Bucket(bucketName, Provider.parse(provider), new Namespace(nsUuid, nsName));
      Checksum checksum = Checksum.of(checksumType, checksumValue);
      ObjectHeader header = new ObjectHeader(trname, jobId, bucket, objectName, size, checksum, version, atime, mtime,
          custom, opaque);
      return new Decoded(header, trname, objectName, null);
    } catch (JaisException | IllegalArgumentException e) {
      return new Decoded(null, trname, objectName, "invalid object header: " + e.getMessage());
    }
  }

  private static long readLong(ByteBuf in, int end, String field) {
    if (end - in.readerIndex() < 8) {
      throw Wire.malformed("header ends inside " + field);
    }
    return in.readLong();
  }

  private static int readCount(ByteBuf in, int end, String field) {
    if (end - in.readerIndex() < 4) {
      throw Wire.malformed("header ends inside " + field);
    }
    int count = in.readInt();
    if (count < 0) {
      throw Wire.malformed(field + " " + Integer.toUnsignedString(count) + " runs past the header");
    }
    return count;
  }
}
