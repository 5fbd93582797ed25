package io.jais.node.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which block device each mountpath lives on: the device number of the mountpath's file system
 * ({@code stat}'s {@code st_dev}) matched against the devices {@code /proc/diskstats} lists, as AIS
 * finds a mountpath's disks. A file system on no block device (tmpfs, overlay, a btrfs subvolume)
 * or a platform without {@code /proc} leaves the mountpath without a disk: its utilization is then
 * unknown, and reported as such rather than guessed.
 */
final class MountpathDisks {
  private final Map<Path, Optional<String>> diskByMountpath;

  private MountpathDisks(Map<Path, Optional<String>> diskByMountpath) {
    this.diskByMountpath = diskByMountpath;
  }

  static MountpathDisks resolve(List<Path> mountpaths, Collection<DiskCounters> devices) {
    Map<Path, Optional<String>> disks = new LinkedHashMap<>();
    for (Path mountpath : mountpaths) {
      disks.put(mountpath, deviceNumber(mountpath).flatMap(dev -> find(dev, devices)));
    }
    return new MountpathDisks(disks);
  }

  /** The mountpath's disk, empty when unknown. */
  Optional<String> diskOf(Path mountpath) {
    return diskByMountpath.getOrDefault(mountpath, Optional.empty());
  }

  Map<Path, Optional<String>> all() {
    return diskByMountpath;
  }

  /** The distinct disks of all mountpaths, in mountpath order. */
  List<String> disks() {
    return diskByMountpath.values().stream().flatMap(Optional::stream).distinct().toList();
  }

  private static Optional<long[]> deviceNumber(Path mountpath) {
    try {
      long dev = (Long) Files.getAttribute(mountpath, "unix:dev");
      return Optional.of(new long[] {major(dev), minor(dev)});
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> find(long[] dev, Collection<DiskCounters> devices) {
    if (dev[0] == 0) {
      return Optional.empty(); // an anonymous device: no block device behind the file system
    }
    return devices.stream().filter(d -> d.major() == dev[0] && d.minor() == dev[1]).map(DiskCounters::name).findFirst();
  }

  /** Linux's encoding of a device number ({@code gnu_dev_major}). */
  static long major(long dev) {
    return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
  }

  /** Linux's encoding of a device number ({@code gnu_dev_minor}). */
  static long minor(long dev) {
    return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
  }
}
