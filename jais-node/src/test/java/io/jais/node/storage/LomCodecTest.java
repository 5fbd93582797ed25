package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LomCodecTest {
  private static final ObjectMeta META = new ObjectMeta(12345, new Checksum(ChecksumType.XXHASH2, "44bc2cf5ad770999"),
      "7", 1_700_000_000_123_456_789L, 1_700_000_000_000_000_001L, Map.of("k", "v", "ключ", "значение"),
      List.of("/mp2"));

  @Test
  void decode_encoded_roundTrips() throws Exception {
    assertThat(LomCodec.decode(LomCodec.encode(META))).isEqualTo(META);
  }

  @Test
  void decodeStored_withName_roundTripsTheNameAsVersion2_withoutNameStaysVersion1() throws Exception {
    String name = "d/" + "\u00e9".repeat(200);
    byte[] named = LomCodec.encode(META, name);
    byte[] plain = LomCodec.encode(META);

    assertThat(named[2]).isEqualTo(LomCodec.FORMAT_VERSION_NAMED);
    assertThat(LomCodec.decodeStored(named)).isEqualTo(new LomCodec.Stored(META, name));
    assertThat(LomCodec.decode(named)).isEqualTo(META);
    assertThat(plain[2]).isEqualTo(LomCodec.FORMAT_VERSION);
    assertThat(LomCodec.decodeStored(plain)).isEqualTo(new LomCodec.Stored(META, ""));
  }

  @Test
  void encode_typicalObject_isCompact() {
    ObjectMeta plain = new ObjectMeta(1 << 20, META.checksum(), "1", 1L, 1L, Map.of(), List.of());
    assertThat(LomCodec.encode(plain)).hasSizeLessThan(64);
  }

  @Test
  void decode_anyFlippedByte_isDetected() {
    byte[] good = LomCodec.encode(META);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> LomCodec.decode(bad)).isInstanceOf(LomCodec.CorruptLomException.class);
    }
  }

  @Test
  void decode_truncated_isDetected() {
    byte[] good = LomCodec.encode(META);
    for (int length = 0; length < good.length; length++) {
      byte[] torn = Arrays.copyOf(good, length);
      assertThatThrownBy(() -> LomCodec.decode(torn)).isInstanceOf(LomCodec.CorruptLomException.class);
    }
  }
}
