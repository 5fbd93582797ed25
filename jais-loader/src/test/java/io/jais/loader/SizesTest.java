package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
  @ParameterizedTest
  @CsvSource({"0,0", "4096,4096", "1B,1", "16KiB,16384", "16k,16384", "16KB,16384", "1MiB,1048576", "10M,10485760",
      "1.5KiB,1536", "2GiB,2147483648", "' 8 MiB ',8388608"})
  void parsesSizes(String text, long bytes) {
    assertThat(Sizes.parseBytes(text)).isEqualTo(bytes);
  }

  @Test
  void rejectsBadSizes() {
    assertThatThrownBy(() -> Sizes.parseBytes("MiB")).hasMessageContaining("not a size");
    assertThatThrownBy(() -> Sizes.parseBytes("12XB")).hasMessageContaining("unknown size unit");
    assertThatThrownBy(() -> Sizes.parseBytes("0.3B")).hasMessageContaining("whole number");
  }

  @Test
  void rangesAreFixedOrUniformWithinBounds() {
    assertThat(Sizes.Range.parse("16KiB")).isEqualTo(new Sizes.Range(16384, 16384));
    Sizes.Range r = Sizes.Range.parse("4KiB-1MiB");
    assertThat(r).isEqualTo(new Sizes.Range(4096, 1 << 20));
    assertThat(Sizes.Range.parse("1..3")).isEqualTo(new Sizes.Range(1, 3));
    SplittableRandom random = new SplittableRandom(1);
    boolean sawMin = false;
    boolean sawMax = false;
    for (int i = 0; i < 10_000; i++) {
      long v = Sizes.Range.parse("1..3").pick(random);
      assertThat(v).isBetween(1L, 3L);
      sawMin |= v == 1;
      sawMax |= v == 3;
    }
    assertThat(sawMin && sawMax).isTrue();
    assertThatThrownBy(() -> Sizes.Range.parse("2MiB-1MiB")).hasMessageContaining("bad size range");
  }

  @Test
  void parsesDurations() {
    assertThat(Sizes.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Sizes.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Sizes.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Sizes.parseDuration("3m")).isEqualTo(Duration.ofMinutes(3));
    assertThat(Sizes.parseDuration("7")).isEqualTo(Duration.ofSeconds(7));
    assertThatThrownBy(() -> Sizes.parseDuration("soon")).hasMessageContaining("not a duration");
  }

  @Test
  void formatsSizes() {
    assertThat(Sizes.format(16384)).isEqualTo("16KiB");
    assertThat(Sizes.format(1536)).isEqualTo("1.5KiB");
    assertThat(Sizes.format(10 << 20)).isEqualTo("10MiB");
  }
}
