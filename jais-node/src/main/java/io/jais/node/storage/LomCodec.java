package io.jais.node.storage;

import io.jais.api.hash.Xxh64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link ObjectMeta} to the compact bytes stored in {@code user.jais.lom} (or a sidecar).
 *
 * <p>Layout: magic {@code 'J' 'L'}, format version byte, then size (varint), checksum type code
 * (byte), checksum value, version, atime and mtime (8 bytes each), custom count + key/value
 * pairs, copies count + mountpaths, in format version 2 the object's full name (only for objects
 * stored under a hash of their name, see {@link Fqn}), and last the XXH64 (seed 0, 8 bytes) of everything before it.
 * Strings are a varint length plus UTF-8. The trailing hash makes a torn or bit-rotted value a
 * detectable {@link CorruptLomException} instead of wrong attributes.
 */
public final class LomCodec {
  static final byte MAGIC_0 = 'J';
  static final byte MAGIC_1 = 'L';
  static final byte FORMAT_VERSION = 1;
  /** Version 1 followed by the object's name: the value of an object stored under a hashed file name. */
  static final byte FORMAT_VERSION_NAMED = 2;
  private static final int HASH_BYTES = 8;

  private LomCodec() {}

  /** Raised for bytes that are not a valid, intact encoding. */
  public static final class CorruptLomException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptLomException(String message) {
      super(message);
    }
  }

  /** Metadata and, for an object stored under a hashed file name, its full name (else empty). */
  record Stored(ObjectMeta meta, String name) {}

  public static byte[] encode(ObjectMeta meta) {
    return encode(meta, "");
  }

  /** @param name the object's full name when its file name is a hash of it, else empty */
  static byte[] encode(ObjectMeta meta, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + name.length());
    out.write(MAGIC_0);
    out.write(MAGIC_1);
    out.write(name.isEmpty() ? FORMAT_VERSION : FORMAT_VERSION_NAMED);
    writeVarLong(out, meta.size());
    out.write(meta.checksum().type().code());
    writeString(out, meta.checksum().value());
    writeString(out, meta.version());
    writeLong(out, meta.atimeNanos());
    writeLong(out, meta.mtimeNanos());
    writeVarLong(out, meta.custom().size());
    meta.custom().forEach((key, value) -> {
      writeString(out, key);
      writeString(out, value);
    });
    writeVarLong(out, meta.copies().size());
    meta.copies().forEach(copy -> writeString(out, copy));
    if (!name.isEmpty()) {
      writeString(out, name);
    }
    byte[] body = out.toByteArray();
    writeLong(out, Xxh64.hash(body, 0));
    return out.toByteArray();
  }

  public static ObjectMeta decode(byte[] bytes) throws CorruptLomException {
    return decodeStored(bytes).meta();
  }

  static Stored decodeStored(byte[] bytes) throws CorruptLomException {
    if (bytes.length < 3 + HASH_BYTES || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw new CorruptLomException("not a JAIS object metadata value (" + bytes.length + " bytes)");
    }
    if (bytes[2] != FORMAT_VERSION && bytes[2] != FORMAT_VERSION_NAMED) {
      throw new CorruptLomException("unsupported metadata format version " + bytes[2]);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long stored = in.getLong(bytes.length - HASH_BYTES);
    long computed = new Xxh64(0).update(in.slice(0, bytes.length - HASH_BYTES)).digest();
    if (stored != computed) {
      throw new CorruptLomException("metadata hash mismatch");
    }
    try {
      return decodeBody(in.slice(3, bytes.length - 3 - HASH_BYTES), bytes[2] == FORMAT_VERSION_NAMED);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptLomException("malformed metadata: " + e);
    }
  }

  private static Stored decodeBody(ByteBuffer in, boolean named) {
    long size = readVarLong(in);
    ChecksumType type = ChecksumType.ofCode(in.get() & 0xFF);
    Checksum checksum = new Checksum(type, readString(in));
    String version = readString(in);
    long atime = in.getLong();
    long mtime = in.getLong();
    int customCount = readCount(in);
    Map<String, String> custom = new LinkedHashMap<>();
    for (int i = 0; i < customCount; i++) {
      custom.put(readString(in), readString(in));
    }
    int copyCount = readCount(in);
    List<String> copies = new ArrayList<>(copyCount);
    for (int i = 0; i < copyCount; i++) {
      copies.add(readString(in));
    }
    String name = named ? readString(in) : "";
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " trailing bytes");
    }
    if (named && name.isEmpty()) {
      throw new IllegalArgumentException("empty object name");
    }
    return new Stored(new ObjectMeta(size, checksum, version, atime, mtime, custom, copies), name);
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeVarLong(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static String readString(ByteBuffer in) {
    int length = readCount(in);
    String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }

  /** A count or length: must fit in what is left, so a corrupt value cannot make us allocate. */
  private static int readCount(ByteBuffer in) {
    long count = readVarLong(in);
    if (count < 0 || count > in.remaining()) {
      throw new IllegalArgumentException("count " + count + " exceeds remaining " + in.remaining());
    }
    return (int) count;
  }

  private static void writeVarLong(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarLong(ByteBuffer in) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }
}
