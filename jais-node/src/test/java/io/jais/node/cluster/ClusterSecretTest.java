package io.jais.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.JaisException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest {
  @TempDir
  Path dir;

  @Test
  void createdOnFirstUse_privateToItsOwner_andTheSameAfterwards() throws Exception {
    Path file = dir.resolve("conf/jais/cluster.secret");
    ClusterSecret first = ClusterSecret.loadOrCreate(file);
    assertThat(first.key()).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(ClusterSecret.loadOrCreate(file).key()).isEqualTo(first.key());
    assertThat(ClusterSecret.loadOrCreate(dir.resolve("other.secret")).key()).isNotEqualTo(first.key());
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cluster.secret"); // no temp left
    }
  }

  @Test
  void nodesStartingTogether_agreeOnOneSecret() throws Exception {
    Path file = dir.resolve("cluster.secret");
    List<Future<byte[]>> keys = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 16; i++) {
        keys.add(pool.submit(() -> ClusterSecret.loadOrCreate(file).key()));
      }
    }
    byte[] first = keys.get(0).get();
    for (Future<byte[]> key : keys) {
      assertThat(Arrays.equals(key.get(), first)).isTrue();
    }
  }

  @Test
  void aMalformedFile_isAConfigErrorNamingIt() throws Exception {
    Path file = dir.resolve("bad.secret");
    Files.writeString(file, "not hex at all\n");
    assertThatThrownBy(() -> ClusterSecret.loadOrCreate(file)).isInstanceOf(JaisException.class)
        .hasMessageContaining(file.toString());
    Files.writeString(file, "abcd\n");
    assertThatThrownBy(() -> ClusterSecret.loadOrCreate(file)).isInstanceOf(JaisException.class);
  }

  @Test
  void defaultFile_isInTheUsersConfigDirectory_unlessTheConfigNamesOne() {
    assertThat(ClusterSecret.fileFor("/etc/jais/secret")).isEqualTo(Path.of("/etc/jais/secret"));
    assertThat(ClusterSecret.fileFor("").toString()).endsWith("jais/cluster.secret");
  }
}
