package io.jais.api.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

  @Test
  void hex_padsToSixteenDigits() {
    assertThat(Xxh64.hex(0x1L)).isEqualTo("0000000000000001");
    assertThat(Xxh64.hex(Xxh64.hash("abc".getBytes(StandardCharsets.UTF_8), 0))).isEqualTo("44bc2cf5ad770999");
  }
}
