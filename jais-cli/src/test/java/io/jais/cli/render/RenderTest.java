package io.jais.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderTest {
  @Test
  void sizes_iecWithTwoDecimals() {
    assertThat(Sizes.format(36)).isEqualTo("36B");
    assertThat(Sizes.format(16 * 1024)).isEqualTo("16.00KiB");
    assertThat(Sizes.format(5L * 1024 * 1024 * 1024 + 512L * 1024 * 1024)).isEqualTo("5.50GiB");
  }

  @Test
  void timestamps_likeAisListings() {
    assertThat(Timestamps.format(java.time.Instant.parse("2026-11-26T08:48:37.508641163Z"))).isEqualTo("26 Nov 26 08:48 UTC");
  }

  @Test
  void durations_likeAisUptimes() {
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofMinutes(17))).isEqualTo("17m");
    assertThat(Durations.format(Duration.ofMinutes(192))).isEqualTo("3h12m");
    assertThat(Durations.format(Duration.ofHours(53))).isEqualTo("2d5h");
  }

  @Test
  void table_alignsColumnsToWidestCell() {
    StringWriter text = new StringWriter();
    Table.of("NAME", "SIZE").row("a-long-name", "1B").row("b", null).print(new PrintWriter(text));

    assertThat(text.toString()).isEqualTo("NAME          SIZE\na-long-name   1B\nb             -\n");
  }

  @Test
  void flatten_nestedToDottedKeys() {
    assertThat(Json.flatten(Map.of("mirror", Map.of("copies", 2, "enabled", true), "list", java.util.List.of(1))))
        .containsExactly(Map.entry("list", "[1]"), Map.entry("mirror.copies", "2"), Map.entry("mirror.enabled", "true"));
  }
}
