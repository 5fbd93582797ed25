package io.jais.node.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountpathHealthTest {
  @TempDir Path root;

  @Test
  void probe_healthyDirectory_passes_andLeavesNothingBehind() throws Exception {
    Path dir = Files.createDirectories(root.resolve("mp"));
    assertThat(MountpathHealth.probe(dir)).isNull();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void probe_goneOrNotADirectory_fails() throws Exception {
    assertThat(MountpathHealth.probe(root.resolve("never"))).contains("not a directory");
    Path file = Files.writeString(root.resolve("file"), "x");
    assertThat(MountpathHealth.probe(file)).contains("not a directory");
  }

  @Test
  void failedMountpath_isDisabled_once_andHandedOver() throws Exception {
    try (ObjectStore store = ObjectStore.open(List.of(root.resolve("a"), root.resolve("b")))) {
      Mountpath lost = store.mountpaths().all().get(1);
      CompletableFuture<Mountpath> handed = new CompletableFuture<>();
      MountpathHealth health = new MountpathHealth(store, Duration.ZERO, handed::complete);

      assertThat(health.checkAll()).isZero();
      Files.delete(lost.path());
      assertThat(health.check(lost, false)).as("a vanished root is noticed at once").isFalse();

      assertThat(handed.get(10, TimeUnit.SECONDS)).isEqualTo(lost);
      assertThat(store.mountpaths().all()).containsExactly(store.mountpaths().all().getFirst());
      assertThat(store.mountpaths().disabled()).containsExactly(lost);
      assertThat(health.checkAll()).isZero();
    }
  }

  @Test
  void lastMountpath_isNeverDisabled() throws Exception {
    try (ObjectStore store = ObjectStore.open(List.of(root.resolve("only")))) {
      Mountpath only = store.mountpaths().all().getFirst();
      Files.delete(only.path());
      MountpathHealth health = new MountpathHealth(store, Duration.ZERO, m -> {});
      assertThat(health.check(only, true)).isFalse();
      assertThat(store.mountpaths().all()).containsExactly(only);
    }
  }
}
