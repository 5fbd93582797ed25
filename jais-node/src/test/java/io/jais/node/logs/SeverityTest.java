package io.jais.node.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.JaisException;
import org.junit.jupiter.api.Test;

class SeverityTest {
  @Test
  void parse_byFirstLetterAsAis_defaultInfo() {
    assertThat(Severity.parse(null)).isEqualTo(Severity.INFO);
    assertThat(Severity.parse("")).isEqualTo(Severity.INFO);
    assertThat(Severity.parse("info")).isEqualTo(Severity.INFO);
    assertThat(Severity.parse("WARNING")).isEqualTo(Severity.WARNING);
    assertThat(Severity.parse("warn")).isEqualTo(Severity.WARNING);
    assertThat(Severity.parse("error")).isEqualTo(Severity.ERROR);
    assertThat(Severity.parse("E")).isEqualTo(Severity.ERROR);
  }

  @Test
  void parse_unknown_isA400() {
    assertThatThrownBy(() -> Severity.parse("debug")).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.code().status()).isEqualTo(400)).hasMessageContaining("info, warning, error");
  }

  @Test
  void fileNames() {
    assertThat(Severity.INFO.fileName()).isEqualTo("jais.INFO");
    assertThat(Severity.WARNING.fileName()).isEqualTo("jais.WARNING");
    assertThat(Severity.ERROR.fileName()).isEqualTo("jais.ERROR");
  }
}
