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
  @ValueSource(strings = {"a", "a/b/c.jpg", ".hidden", "a/..b/c..", "%ob", "dir/%wk/x", "é/😀", "a b",
      "dir/", "a//b", "/lead", "/", "a/../b", "..", "a/./b", ".jais-long/x"})
  void validate_everyS3Key_passes(String name) {
    assertThatCode(() -> ObjectName.validate(BUCKET, name)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nul\0byte", "\uD800lone", "lone\uDC00"})
  void validate_emptyNulOrNotUtf8_isInvalidNamingTheObject(String name) {
    assertThatThrownBy(() -> ObjectName.validate(BUCKET, name))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME))
        .hasMessageContaining("ais://b/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b/c.jpg", ".hidden", "a/..b/c..", "x/.jais-long/y", ".jais-longer", "é/😀"})
  void plain_namesThatArePaths(String name) {
    assertThat(ObjectName.plain(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir/", "a//b", "/lead", "/", "a/../b", "..", "../x", "a/./b", ".", "a/..",
      ".jais-long", ".jais-long/x"})
  void plain_namesThatCannotBePaths(String name) {
    assertThat(ObjectName.plain(name)).isFalse();
  }

  @Test
  void validate_overLongName_isInvalid_overLongComponent_isNotPlain() {
    String component255 = "x".repeat(255);
    assertThatCode(() -> ObjectName.validate(BUCKET, component255 + "x")).doesNotThrowAnyException();
    assertThatCode(() -> ObjectName.validate(BUCKET, "x".repeat(1024))).doesNotThrowAnyException();
    String name1028 = (component255 + "/").repeat(4) + "yyyy"; // 4*256 + 4 bytes
    assertThatThrownBy(() -> ObjectName.validate(BUCKET, name1028)).hasMessageContaining("1028 bytes")
        .hasMessageContaining("1024");
    assertThat(ObjectName.plain(component255)).isTrue();
    assertThat(ObjectName.plain(component255 + "/" + component255)).isTrue();
    assertThat(ObjectName.plain("a/" + component255 + "x/b")).isFalse();
    // UTF-8 bytes count: 2 for é, 4 for a surrogate pair
    assertThat(ObjectName.plain("é".repeat(127) + "x")).isTrue();
    assertThat(ObjectName.plain("é".repeat(128))).isFalse();
    assertThat(ObjectName.plain("\uD83D\uDE00".repeat(63) + "xxx")).isTrue();
    assertThat(ObjectName.plain("\uD83D\uDE00".repeat(64))).isFalse();
  }

  @Test
  void validatePrefix_anyValidNameOrEmpty_passes_nulOrTooLongIsInvalid() {
    for (String prefix : List.of("", "/", "/lead", "a//", ".jais-long/", "dir/")) {
      assertThatCode(() -> ObjectName.validatePrefix(BUCKET, prefix)).doesNotThrowAnyException();
    }
    assertThatThrownBy(() -> ObjectName.validatePrefix(BUCKET, "a\0")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> ObjectName.validatePrefix(BUCKET, "x".repeat(1025))).hasMessageContaining("1024");
  }

  @Test
  void utf8Order_supplementaryCharacters_sortAfterHighBmp() {
    List<String> names = new ArrayList<>(List.of("\uFF5E", "\uD83D\uDE00", "a", "a/b", "a-b", "Z"));
    names.sort(ObjectName.UTF8_ORDER);
    assertThat(names).containsExactly("Z", "a", "a-b", "a/b", "\uFF5E", "\uD83D\uDE00");
    assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive(); // String order would differ
  }
}
