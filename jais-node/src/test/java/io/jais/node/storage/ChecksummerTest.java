package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.hash.Xxh64;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksummerTest {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "xxhash2, 44bc2cf5ad770999",
    "xxhash, 44bc2cf5ad770999",
    "md5, 900150983cd24fb0d6963f7d28e17f72",
    "crc32c, 364b3fb7",
    "sha256, 53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
    "sha512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    "none, ''"
  })
  void compute_abc_matchesKnownVectors(String type, String expected) {
    assertThat(Checksummer.compute(ChecksumType.parse(type), ABC).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(ChecksumType.class)
  void update_chunkedDirectBuffers_matchesJdkOneShot(ChecksumType type) throws Exception {
    byte[] data = new byte[100_003];
    new SplittableRandom(42).nextBytes(data);
    Checksummer checksummer = Checksummer.of(type);
    for (int i = 0; i < data.length; i += 4093) {
      int length = Math.min(4093, data.length - i);
      ByteBuffer chunk = ByteBuffer.allocateDirect(length).put(data, i, length).flip();
      checksummer.update(chunk);
      assertThat(chunk.position()).isZero();
    }
    assertThat(checksummer.finish().value()).isEqualTo(reference(type, data));
  }

  private static String reference(ChecksumType type, byte[] data) throws Exception {
    HexFormat hex = HexFormat.of();
    return switch (type) {
      case NONE -> "";
      case XXHASH, XXHASH2 -> Xxh64.hex(Xxh64.hash(data, 0));
      case MD5 -> hex.formatHex(MessageDigest.getInstance("MD5").digest(data));
      case SHA256 -> hex.formatHex(MessageDigest.getInstance("SHA-512/256").digest(data));
      case SHA512 -> hex.formatHex(MessageDigest.getInstance("SHA-512").digest(data));
      case CRC32C -> {
        CRC32C crc = new CRC32C();
        crc.update(data);
        yield String.format("%08x", crc.getValue());
      }
    };
  }

  @Test
  void matches_xxhashAndXxhash2_areInterchangeable() {
    assertThat(new Checksum(ChecksumType.XXHASH, "AB").matches(new Checksum(ChecksumType.XXHASH2, "ab"))).isTrue();
    assertThat(new Checksum(ChecksumType.MD5, "ab").matches(new Checksum(ChecksumType.XXHASH2, "ab"))).isFalse();
    assertThat(Checksum.NONE.matches(Checksum.NONE)).isFalse();
  }
}
