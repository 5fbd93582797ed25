package io.jais.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NameTemplateTest {
  private static List<String> expand(String template) {
    List<String> names = new ArrayList<>();
    NameTemplate.parse(template).forEach(names::add);
    return names;
  }

  @Test
  void braces_oneGroup_padsToTheDigitsOfStartAndEnd() {
    assertThat(expand("obj-{0000..0003}.bin")).containsExactly("obj-0000.bin", "obj-0001.bin", "obj-0002.bin",
        "obj-0003.bin");
    assertThat(NameTemplate.parse("obj-{0000..0099..1}").count()).isEqualTo(100);
  }

  @Test
  void braces_step_skipsAndStopsAtOrBeforeEnd() {
    assertThat(expand("x{1..10..4}")).containsExactly("x1", "x5", "x9");
  }

  @Test
  void braces_severalGroups_expandAsNestedLoopsLastFastest() {
    assertThat(expand("shard-{0..1}-part-{00..02}.tar")).containsExactly(
        "shard-0-part-00.tar", "shard-0-part-01.tar", "shard-0-part-02.tar",
        "shard-1-part-00.tar", "shard-1-part-01.tar", "shard-1-part-02.tar");
    assertThat(NameTemplate.parse("a{1..3}b{1..4}c{1..5}").count()).isEqualTo(60);
  }

  @Test
  void at_rangeFromZeroToTheNumber_paddedToItsDigits() {
    assertThat(expand("p-@03-s")).containsExactly("p-00-s", "p-01-s", "p-02-s", "p-03-s");
  }

  @Test
  void noRange_isAPrefix_andEmptyOrStarSelectsEverything() {
    NameTemplate prefix = NameTemplate.parse("logs/2025/");
    assertThat(prefix.isPrefix()).isTrue();
    assertThat(prefix.prefix()).isEqualTo("logs/2025/");
    assertThat(prefix.iterator().hasNext()).isFalse();
    assertThat(NameTemplate.parse("logs*").prefix()).isEqualTo("logs");
    assertThat(NameTemplate.parse("").prefix()).isEmpty();
    assertThat(NameTemplate.parse("*").isPrefix()).isTrue();
  }

  @Test
  void largeRange_isLazy_andEndsExactlyAtTheEnd() {
    NameTemplate template = NameTemplate.parse("{0..9223372036854775807..4611686018427387904}");
    assertThat(expand(template.toString())).containsExactly("0", "4611686018427387904");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a{1..3", "a1..3}", "a{1..3}}", "a{{1..3}", "a{1}", "a{1..2..3..4}", "a{x..3}", "a{5..1}",
      "a{1..5..0}", "a{-1..5}", "a{1..5..-1}", "a{..}", "b@x", "c-%06d", "{0..9999}{0..9999}"})
  void malformed_is400WithTheReason(String template) {
    assertThatThrownBy(() -> NameTemplate.parse(template))
        .isInstanceOfSatisfying(JaisException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("invalid template \"" + template + "\"");
        });
  }

  @Test
  void selection_listAndTemplateTogether_is400_andEmptyNameIs400() {
    assertThatThrownBy(() -> ObjectSelection.of(List.of("a"), "b{1..2}")).hasMessageContaining("mutually exclusive");
    assertThatThrownBy(() -> ObjectSelection.of(List.of("a", ""), null)).hasMessageContaining("empty object name");
    assertThat(ObjectSelection.of(List.of(), "").isPrefix()).isTrue();
    assertThat(ObjectSelection.of(null, "x{1..2}").isRange()).isTrue();
    assertThat(ObjectSelection.of(List.of("a", "b"), null).isList()).isTrue();
  }
}
