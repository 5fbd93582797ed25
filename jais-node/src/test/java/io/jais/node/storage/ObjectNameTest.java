package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectNameTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b/c.jpg", ".hidden", "a/..b/c..", "%ob", "dir/%wk/x", "é/😀", "a b"})
  void validate_ordinaryNames_pass(String name) {
    assertThatCode(() -> ObjectName.validate(BUCKET, name)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "..", "../x", "a/../../x", "a/./b", ".", "a/..", "a//b", "a/",
      "nul\0byte", "\uD800lone"})
  void validate_unsafeNames_areInvalidNamingTheObject(String name) {
    assertThatThrownBy(() -> ObjectName.validate(BUCKET, name))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME))
        .hasMessageContaining("ais://b/");
  }

  @Test
  void validate_overLongName_isInvalid_overLongComponent_isShortened() {
    String component255 = "x".repeat(255);
    assertThatCode(() -> ObjectName.validate(BUCKET, component255 + "x")).doesNotThrowAnyException();
    assertThatCode(() -> ObjectName.validate(BUCKET, "x".repeat(1024))).doesNotThrowAnyException();
    String name1028 = (component255 + "/").repeat(4) + "yyyy"; // 4*256 + 4 bytes
    assertThatThrownBy(() -> ObjectName.validate(BUCKET, name1028)).hasMessageContaining("1028 bytes")
        .hasMessageContaining("1024");
    assertThat(ObjectName.shortened(component255)).isFalse();
    assertThat(ObjectName.shortened(component255 + "/" + component255)).isFalse();
    assertThat(ObjectName.shortened("a/" + component255 + "x/b")).isTrue();
    // UTF-8 bytes count: 2 for é, 4 for a surrogate pair
    assertThat(ObjectName.shortened("é".repeat(127) + "x")).isFalse();
    assertThat(ObjectName.shortened("é".repeat(128))).isTrue();
    assertThat(ObjectName.shortened("\uD83D\uDE00".repeat(63) + "xxx")).isFalse();
    assertThat(ObjectName.shortened("\uD83D\uDE00".repeat(64))).isTrue();
  }

  @Test
  void validate_reservedFirstComponent_isInvalid_elsewhereOrAsPrefixStartIsValid() {
    assertThatThrownBy(() -> ObjectName.validate(BUCKET, ".jais-long/x")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> ObjectName.validate(BUCKET, ".jais-long")).hasMessageContaining("reserved");
    assertThatCode(() -> ObjectName.validate(BUCKET, "a/.jais-long/x")).doesNotThrowAnyException();
    assertThatCode(() -> ObjectName.validate(BUCKET, ".jais-longer")).doesNotThrowAnyException();
    assertThatCode(() -> ObjectName.validatePrefix(BUCKET, ".jais-long")).doesNotThrowAnyException();
    assertThatThrownBy(() -> ObjectName.validatePrefix(BUCKET, ".jais-long/")).hasMessageContaining("reserved");
  }

  @Test
  void utf8Order_supplementaryCharacters_sortAfterHighBmp() {
    List<String> names = new ArrayList<>(List.of("\uFF5E", "\uD83D\uDE00", "a", "a/b", "a-b", "Z"));
    names.sort(ObjectName.UTF8_ORDER);
    assertThat(names).containsExactly("Z", "a", "a-b", "a/b", "\uFF5E", "\uD83D\uDE00");
    assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive(); // String order would differ
  }
}
