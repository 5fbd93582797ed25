package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MixTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 25, 50, 90, 100})
  void putShareFollowsThePercentage(int pct) {
    Mix mix = new Mix(pct);
    SplittableRandom random = new SplittableRandom(pct);
    int n = 100_000;
    int puts = 0;
    for (int i = 0; i < n; i++) {
      puts += mix.next(random) == Mix.Op.PUT ? 1 : 0;
    }
    if (pct == 0 || pct == 100) {
      assertThat(puts).isEqualTo(n * pct / 100);
    } else {
      assertThat(puts * 100.0 / n).isBetween(pct - 1.0, pct + 1.0);
    }
  }

  @Test
  void rejectsOutOfRange() {
    assertThatThrownBy(() -> new Mix(101)).hasMessageContaining("0..100");
    assertThatThrownBy(() -> new Mix(-1)).hasMessageContaining("0..100");
  }
}
