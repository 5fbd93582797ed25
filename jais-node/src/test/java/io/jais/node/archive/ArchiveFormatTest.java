package io.jais.node.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.JaisException;
import org.junit.jupiter.api.Test;

class ArchiveFormatTest {
  @Test
  void byName_byMime_asAisNormalizes() {
    assertThat(ArchiveFormat.byName("a/b.tar.gz")).contains(ArchiveFormat.TAR_GZ);
    assertThat(ArchiveFormat.byName("b.tar.lz4")).contains(ArchiveFormat.TAR_LZ4);
    assertThat(ArchiveFormat.byName("b.tgz")).contains(ArchiveFormat.TGZ);
    assertThat(ArchiveFormat.byName("b.tar.bak")).isEmpty();
    assertThat(ArchiveFormat.ofMime("tar.gz")).isEqualTo(ArchiveFormat.TAR_GZ);
    assertThat(ArchiveFormat.ofMime(".zip")).isEqualTo(ArchiveFormat.ZIP);
    assertThat(ArchiveFormat.ofMime("application/x-tar")).isEqualTo(ArchiveFormat.TAR);
  }

  @Test
  void forWriting_needsAnArchiveExtension_agreeingWithMime() {
    assertThat(ArchiveFormat.forWriting("", "out.zip")).isEqualTo(ArchiveFormat.ZIP);
    assertThat(ArchiveFormat.forWriting(".tgz", "out.tar.gz")).isEqualTo(ArchiveFormat.TAR_GZ);
    assertThatThrownBy(() -> ArchiveFormat.forWriting("", "out.bin")).isInstanceOf(JaisException.class)
        .hasMessageContaining("no archive extension");
    assertThatThrownBy(() -> ArchiveFormat.forWriting(".zip", "out.tar")).isInstanceOf(JaisException.class)
        .hasMessageContaining("mismatch");
    assertThatThrownBy(() -> ArchiveFormat.ofMime("rar")).isInstanceOf(JaisException.class);
  }
}
