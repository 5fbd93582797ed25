package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void goSyntax_bareSeconds_andIso() {
    assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(GoDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(GoDuration.parse("2us")).isEqualTo(Duration.ofNanos(2000));
    assertThat(GoDuration.parse("30")).as("a bare integer is seconds, as ais").isEqualTo(Duration.ofSeconds(30));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void garbage_isRefusedWithTheExpectedForms() {
    for (String bad : new String[] {"", "5 m", "m", "5x", "1h30", "PTX", "-"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("30s");
    }
  }
}
