package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
  @ParameterizedTest
  @CsvSource({
    "'bytes=5-100', 5, 96",
    "'bytes=5-', 5, 995",
    "'bytes=-10', 990, 10",
    "'bytes=-5000', 0, 1000",
    "'bytes=990-5000', 990, 10",
    "' bytes=0-0 ', 0, 1",
    "'BYTES=999-999', 999, 1"
  })
  void parse_singleRange_givesOffsetAndLength(String header, long offset, long length) {
    assertThat(ByteRange.parse(header, 1000)).contains(new ByteRange(offset, length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=1000-", "bytes=2000-3000", "bytes=-0", "bytes=0-1,5-6"})
  void parse_unsatisfiableOrMultiple_isRangeNotSatisfiable(String header) {
    assertThatThrownBy(() -> ByteRange.parse(header, 1000))
        .isInstanceOfSatisfying(JaisException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"items=0-1", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-2", "bytes=1", "bytes=1-x"})
  void parse_malformed_isIgnored(String header) {
    assertThat(ByteRange.parse(header, 1000)).isEmpty();
  }

  @Test
  void parse_noHeader_isWholeObject() {
    assertThat(ByteRange.parse(null, 10)).isEqualTo(Optional.empty());
  }

  @Test
  void contentRange_rendersInclusiveBounds() {
    assertThat(new ByteRange(5, 96).contentRange(1000)).isEqualTo("bytes 5-100/1000");
  }

  @Test
  void parse_hugeNumbers_saturateInsteadOfOverflowing() {
    assertThat(ByteRange.parse("bytes=0-99999999999999999999999", 10)).contains(new ByteRange(0, 10));
    assertThatThrownBy(() -> ByteRange.parse("bytes=99999999999999999999999-", 10)).isInstanceOf(JaisException.class);
  }
}
