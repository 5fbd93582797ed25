package io.jais.node.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 clients declare for a body, in an {@code x-amz-checksum-<name>} header
 * or, for aws-chunked bodies, in the trailer that {@code x-amz-trailer} names: the base64 of the
 * big-endian checksum.
 */
enum ChecksumAlgorithm {
  CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

  private static final String PREFIX = "x-amz-checksum-";

  /** The header (and trailer) name, e.g. {@code x-amz-checksum-crc32}. */
  String header() {
    return PREFIX + name().toLowerCase(Locale.ROOT);
  }

  /** The algorithm a header or trailer name declares, or null when it declares none. */
  static ChecksumAlgorithm ofHeader(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.header().equals(lower)) {
        return algorithm;
      }
    }
    return null;
  }

  /** A fresh running computation. */
  Digest newDigest() {
    return switch (this) {
      case CRC32 -> new CrcDigest(new CRC32(), 4);
      case CRC32C -> new CrcDigest(new CRC32C(), 4);
      case CRC64NVME -> new CrcDigest(new Crc64Nvme(), 8);
      case SHA1 -> new HashDigest("SHA-1");
      case SHA256 -> new HashDigest("SHA-256");
    };
  }

  /** A running checksum over a body. */
  interface Digest {
    void update(ByteBuffer data);

    /** The checksum's bytes, big-endian; call once, at the end. */
    byte[] finish();
  }

  private record CrcDigest(Checksum crc, int width) implements Digest {
    @Override
    public void update(ByteBuffer data) {
      crc.update(data);
    }

    @Override
    public byte[] finish() {
      long value = crc.getValue();
      byte[] bytes = new byte[width];
      for (int i = width - 1; i >= 0; i--, value >>>= 8) {
        bytes[i] = (byte) value;
      }
      return bytes;
    }
  }

  private record HashDigest(MessageDigest digest) implements Digest {
    HashDigest(String algorithm) {
      this(create(algorithm));
    }

    private static MessageDigest create(String algorithm) {
      try {
        return MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has " + algorithm, e);
      }
    }

    @Override
    public void update(ByteBuffer data) {
      digest.update(data);
    }

    @Override
    public byte[] finish() {
      return digest.digest();
    }
  }
}
