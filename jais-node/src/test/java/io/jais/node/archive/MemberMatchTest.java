package io.jais.node.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.JaisException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AIS's archmode semantics, on the names of the SDK's own test. */
class MemberMatchTest {
  private static final List<String> NAMES = List.of("file1.txt", "file2.txt", "file3.txt", "file1.cls", "file2.cls",
      "file3.cls", "dir/file3.txt");

  private static List<String> select(String pattern, String mode) {
    MemberMatch match = MemberMatch.of(pattern, mode);
    return NAMES.stream().filter(match::matches).toList();
  }

  @Test
  void modes_selectAsAisDoes() {
    assertThat(select("file2", "prefix")).containsExactly("file2.txt", "file2.cls");
    assertThat(select("file3", "wdskey")).containsExactly("file3.txt", "file3.cls");
    assertThat(select("dir/file3", "wdskey")).containsExactly("dir/file3.txt");
    assertThat(select(".cls", "suffix")).containsExactly("file1.cls", "file2.cls", "file3.cls");
    assertThat(select("3.t", "substr")).containsExactly("file3.txt", "dir/file3.txt");
    assertThat(select("[12]\\.txt$", "regexp")).containsExactly("file1.txt", "file2.txt");
    assertThat(select("[12]\\.txt$", "")).as("regexp by default").containsExactly("file1.txt", "file2.txt");
    assertThat(select("", "suffix")).as("empty pattern: everything").hasSize(NAMES.size());
    assertThat(select("*", "regexp")).as("'*': everything").hasSize(NAMES.size());
  }

  @Test
  void unknownMode_orBadRegexp_is400() {
    assertThatThrownBy(() -> MemberMatch.of("x", "glob")).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> MemberMatch.of("(", "regexp")).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }
}
