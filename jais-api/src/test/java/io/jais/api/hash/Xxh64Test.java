package io.jais.api.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Xxh64Test {
  @Test
  void hash_standardVectors_match() {
    assertThat(Xxh64.hash(new byte[0], 0)).isEqualTo(0xef46db3751d8e999L);
    assertThat(Xxh64.hash("abc", 0)).isEqualTo(0x44bc2cf5ad770999L);
  }

  @Test
  void hash_aisNodeDigests_matchSpecVectors() {
    assertThat(Long.toUnsignedString(Xxh64.hash("pKWQp8080", Xxh64.HRW_SEED))).isEqualTo("17089909595323875062");
    assertThat(Long.toUnsignedString(Xxh64.hash("tAbcd8081", Xxh64.HRW_SEED))).isEqualTo("5970719217539177746");
    assertThat(Long.toUnsignedString(Xxh64.hash("ais/@#/bck/obj", Xxh64.HRW_SEED)))
        .isEqualTo("7636710260493408699");
  }

  @Test
  void update_anySplitOfTheInput_givesTheOneShotDigest() {
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      byte[] data = new byte[random.nextInt(0, 300)];
      random.nextBytes(data);
      long expected = Xxh64.hash(data, 7);
      Xxh64 streaming = new Xxh64(7);
      int pos = 0;
      while (pos < data.length) {
        int n = random.nextInt(1, data.length - pos + 1);
        ByteBuffer direct = ByteBuffer.allocateDirect(n).put(data, pos, n).flip();
        streaming.update(direct);
        assertThat(direct.position()).isZero();
        pos += n;
      }
      assertThat(streaming.digest()).isEqualTo(expected);
    }
  }

  /** Byte i of the pattern whose digests below come from the reference {@code xxhsum -H1}. */
  private static byte[] pattern(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) ((i * 131) ^ (i >>> 8));
    }
    return data;
  }

  @ParameterizedTest
  @CsvSource({
    "31, 1add2d10328c4897",
    "32, 333288d992cf3b16",
    "33, 379b60150f2cfc7f",
    "100, acd07a6400e07def",
    "1000, 6b6486056b581e0c",
    "65549, 1b0380b8d7a0e2f9",
    "1048576, 04c97cc5f93d411f"
  })
  void update_directHeapAndMixedBuffers_matchTheReference(int length, String reference) {
    byte[] data = pattern(length);
    assertThat(Xxh64.hex(Xxh64.hash(data, 0))).isEqualTo(reference);
    ByteBuffer direct = ByteBuffer.allocateDirect(length).put(data).flip();
    assertThat(Xxh64.hex(new Xxh64(0).update(direct).digest())).isEqualTo(reference);
    ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer(); // a heap buffer without an array
    assertThat(Xxh64.hex(new Xxh64(0).update(readOnly).digest())).isEqualTo(reference);

    // socket-read-sized pieces, alternately direct and heap, at unaligned offsets
    Xxh64 mixed = new Xxh64(0);
    SplittableRandom random = new SplittableRandom(length);
    for (int pos = 0, i = 0; pos < length; i++) {
      int n = Math.min(length - pos, random.nextInt(1, 70_000));
      ByteBuffer piece = i % 2 == 0
          ? ByteBuffer.allocateDirect(n + 3).position(3).put(data, pos, n).position(3)
          : ByteBuffer.wrap(data, pos, n).slice();
      mixed.update(piece);
      pos += n;
    }
    assertThat(Xxh64.hex(mixed.digest())).isEqualTo(reference);
  }

  @Test
  void hex_padsToSixteenDigits() {
    assertThat(Xxh64.hex(0x1L)).isEqualTo("0000000000000001");
    assertThat(Xxh64.hex(Xxh64.hash("abc".getBytes(StandardCharsets.UTF_8), 0))).isEqualTo("44bc2cf5ad770999");
  }
}
