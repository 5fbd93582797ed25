package io.jais.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.node.MountpathCapacity;
import io.jais.api.node.TargetCapacity;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountpathCapacitiesTest {
  @Test
  void read_twoMountpathsOnOneFileSystem_totalsCountItOnce(@TempDir Path dir) throws IOException {
    Path mp1 = Files.createDirectories(dir.resolve("mp1"));
    Path mp2 = Files.createDirectories(dir.resolve("mp2"));

    TargetCapacity capacity = new MountpathCapacities(List.of(mp1, mp2)).read();

    MountpathCapacity first = capacity.mountpaths().get(mp1.toString());
    MountpathCapacity second = capacity.mountpaths().get(mp2.toString());
    assertThat(first.fileSystem().id()).isEqualTo(second.fileSystem().id());
    // used + available does not move while other processes write: the size less reserved blocks
    FileStore store = Files.getFileStore(mp1);
    long usable = store.getTotalSpace() - store.getUnallocatedSpace() + store.getUsableSpace();
    assertThat(first.used() + first.available()).isEqualTo(usable);
    assertThat(capacity.totalUsed() + capacity.totalAvailable()).isEqualTo(usable);
    assertThat(capacity.pctMin()).isLessThanOrEqualTo(capacity.pctAvg()).isLessThanOrEqualTo(capacity.pctMax());
  }

  @Test
  void list_isTheMountpathsSorted(@TempDir Path dir) {
    Path b = dir.resolve("b");
    Path a = dir.resolve("a");

    assertThat(new MountpathCapacities(List.of(b, a)).list().available()).containsExactly(a.toString(), b.toString());
  }

  @Test
  void percentUsed_roundsUpAsDf() {
    assertThat(MountpathCapacities.percentUsed(0, 100)).isZero();
    assertThat(MountpathCapacities.percentUsed(1, 999)).isEqualTo(1);
    assertThat(MountpathCapacities.percentUsed(992, 8)).isEqualTo(100);
    assertThat(MountpathCapacities.percentUsed(50, 50)).isEqualTo(50);
    assertThat(MountpathCapacities.percentUsed(0, 0)).isZero();
  }
}
