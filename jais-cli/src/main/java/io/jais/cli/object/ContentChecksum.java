package io.jais.cli.object;

import io.jais.api.hash.Xxh64;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * A checksum of AIS type computed over bytes as they pass: lowercase hex of the big-endian
 * digest, {@code xxhash}/{@code xxhash2} being XXH64 with seed 0 and {@code sha256} being
 * SHA-512/256, as AIS computes them. Not thread-safe; one per stream.
 */
final class ContentChecksum {
  private final String type;
  private final Xxh64 xxh;
  private final CRC32C crc;
  private final MessageDigest digest;

  ContentChecksum(String type) {
    this.type = type;
    this.xxh = type.equals("xxhash") || type.equals("xxhash2") ? new Xxh64(0) : null;
    this.crc = type.equals("crc32c") ? new CRC32C() : null;
    this.digest = xxh == null && crc == null ? messageDigest(type) : null;
  }

  private static MessageDigest messageDigest(String type) {
    String algorithm = switch (type) {
      case "md5" -> "MD5";
      case "sha256" -> "SHA-512/256";
      case "sha512" -> "SHA-512";
      default -> throw new IllegalArgumentException("cannot compute checksum type \"" + type + "\"");
    };
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String type() {
    return type;
  }

  void update(byte[] bytes, int offset, int length) {
    if (xxh != null) {
      xxh.update(bytes, offset, length);
    } else if (crc != null) {
      crc.update(bytes, offset, length);
    } else {
      digest.update(bytes, offset, length);
    }
  }

  String hex() {
    if (xxh != null) {
      return Xxh64.hex(xxh.digest());
    }
    if (crc != null) {
      return HexFormat.of().toHexDigits((int) crc.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** An input stream that feeds every byte read into {@code checksum}. */
  static java.io.InputStream feeding(java.io.InputStream in, ContentChecksum checksum) {
    return new java.io.FilterInputStream(in) {
      @Override
      public int read() throws java.io.IOException {
        int b = super.read();
        if (b >= 0) {
          checksum.update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          checksum.update(buffer, offset, n);
        }
        return n;
      }
    };
  }
}
