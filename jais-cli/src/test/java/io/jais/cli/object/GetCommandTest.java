package io.jais.cli.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GetCommandTest {
  private final Path root = Path.of("/data/out");

  @Test
  void localPath_nestedName_staysUnderRoot() {
    assertThat(GetCommand.localPath(root, "train/a/b.jpg")).isEqualTo(Path.of("/data/out/train/a/b.jpg"));
  }

  @Test
  void localPath_escapingNames_areRefused() {
    for (String name : new String[] {"../x", "a/../../x", "/etc/passwd", "."}) {
      assertThatThrownBy(() -> GetCommand.localPath(root, name)).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }
  }
}
