package io.jais.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountpathDisksTest {
  @TempDir Path dir;

  @Test
  void deviceNumbers_decodeAsGlibcDoes() {
    assertThat(MountpathDisks.major(0xfe00)).isEqualTo(254);
    assertThat(MountpathDisks.minor(0xfe00)).isZero();
    assertThat(MountpathDisks.major(0x10301)).isEqualTo(259); // nvme0n1p1-like
    assertThat(MountpathDisks.minor(0x10301)).isEqualTo(1);
    // large numbers: minor bits above 8 live at 20..43, major bits above 12 at 44..63
    long dev = (0x1234L << 44) | (0xabcL << 8) | (0x56789L << 20) | 0x12;
    assertThat(MountpathDisks.major(dev)).isEqualTo((0x1234L << 12) | 0xabc);
    assertThat(MountpathDisks.minor(dev)).isEqualTo((0x56789L << 8) | 0x12);
  }

  @Test
  void resolve_mountpathOnAListedDevice_isOnThatDisk() throws Exception {
    long dev = unixDev(dir);
    assumeThat(MountpathDisks.major(dev)).as("temp dir on a block device").isNotZero();
    DiskCounters device = new DiskCounters((int) MountpathDisks.major(dev), (int) MountpathDisks.minor(dev), "disk0",
        0, 0, 0, 0, 0);
    DiskCounters other = new DiskCounters(7, 99, "loop99", 0, 0, 0, 0, 0);

    MountpathDisks disks = MountpathDisks.resolve(List.of(dir), List.of(other, device));

    assertThat(disks.diskOf(dir)).contains("disk0");
    assertThat(disks.disks()).containsExactly("disk0");
  }

  @Test
  void resolve_deviceNotListed_diskUnknown() {
    MountpathDisks disks = MountpathDisks.resolve(List.of(dir), List.of(new DiskCounters(7, 99, "loop99", 0, 0, 0, 0,
        0)));

    assertThat(disks.diskOf(dir)).isEmpty();
    assertThat(disks.disks()).isEmpty();
    assertThat(disks.all()).containsKey(dir);
  }

  private static long unixDev(Path path) throws Exception {
    return (Long) Files.getAttribute(path, "unix:dev");
  }
}
