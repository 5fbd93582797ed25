package io.jais.node.storage;

import io.jais.api.hash.Xxh64;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Computes one checksum type over a stream of {@link ByteBuffer}s, heap or direct, without copying
 * them. Values follow AIS: hex of the big-endian digest, {@code sha256} is SHA-512/256.
 * Not thread-safe; one instance per stream.
 */
public final class Checksummer {
  private static final HexFormat HEX = HexFormat.of();
  private static final int READ_BUFFER_BYTES = 256 * 1024;

  private final ChecksumType type;
  private final MessageDigest digest;
  private final CRC32C crc;
  private final Xxh64 xxh;

  private Checksummer(ChecksumType type) {
    this.type = type;
    this.digest = switch (type) {
      case MD5 -> messageDigest("MD5");
      case SHA256 -> messageDigest("SHA-512/256");
      case SHA512 -> messageDigest("SHA-512");
      default -> null;
    };
    this.crc = type == ChecksumType.CRC32C ? new CRC32C() : null;
    this.xxh = type == ChecksumType.XXHASH || type == ChecksumType.XXHASH2 ? new Xxh64(0) : null;
  }

  public static Checksummer of(ChecksumType type) {
    return new Checksummer(type);
  }

  public ChecksumType type() {
    return type;
  }

  /** Consumes the buffer's remaining bytes; its position is left unchanged. */
  public Checksummer update(ByteBuffer data) {
    if (type == ChecksumType.NONE) {
      return this;
    }
    int position = data.position();
    if (xxh != null) {
      xxh.update(data);
    } else if (crc != null) {
      crc.update(data);
    } else {
      digest.update(data);
    }
    data.position(position);
    return this;
  }

  public Checksummer update(byte[] data) {
    return update(ByteBuffer.wrap(data));
  }

  /** The checksum of everything consumed so far. May be called once. */
  public Checksum finish() {
    String value = switch (type) {
      case NONE -> "";
      case XXHASH, XXHASH2 -> Xxh64.hex(xxh.digest());
      case CRC32C -> HEX.toHexDigits((int) crc.getValue());
      case MD5, SHA256, SHA512 -> HEX.formatHex(digest.digest());
    };
    return new Checksum(type, value);
  }

  /** One-shot checksum of a byte array. */
  public static Checksum compute(ChecksumType type, byte[] data) {
    return of(type).update(data).finish();
  }

  /** Checksum of a whole file, read with positional reads (the channel position is untouched). */
  public static Checksum compute(ChecksumType type, FileChannel channel) throws IOException {
    Checksummer checksummer = of(type);
    if (type == ChecksumType.NONE) {
      return checksummer.finish();
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    long position = 0;
    for (int n = channel.read(buffer, position); n >= 0; n = channel.read(buffer, position)) {
      position += n;
      checksummer.update(buffer.flip());
      buffer.clear();
    }
    return checksummer.finish();
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }
}
