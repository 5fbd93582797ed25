package io.jais.node.daemon;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.node.FileSystem;
import io.jais.api.node.MountpathCapacity;
import io.jais.api.node.MountpathList;
import io.jais.api.node.TargetCapacity;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target's mountpaths as {@code what=node_status|sysinfo|mountpaths} report them: each one's
 * file system usage read from {@link FileStore} at the time of the request (a statfs per
 * mountpath, cheap enough not to cache), and the totals over distinct file systems.
 */
final class MountpathCapacities {
  private final List<Path> mountpaths;

  /** @param mountpaths absolute, normalized mountpath directories; empty for a proxy */
  MountpathCapacities(List<Path> mountpaths) {
    this.mountpaths = List.copyOf(mountpaths);
  }

  MountpathList list() {
    return new MountpathList(mountpaths.stream().map(Path::toString).sorted().toList(), List.of(), List.of());
  }

  TargetCapacity read() {
    if (mountpaths.isEmpty()) {
      return TargetCapacity.NONE;
    }
    Map<String, MountpathCapacity> all = new LinkedHashMap<>();
    Set<String> counted = new HashSet<>();
    long totalUsed = 0;
    long totalAvailable = 0;
    int max = 0;
    int min = 100;
    long sum = 0;
    for (Path mountpath : mountpaths) {
      MountpathCapacity capacity = read(mountpath);
      all.put(mountpath.toString(), capacity);
      if (counted.add(capacity.fileSystem().id())) {
        totalUsed += capacity.used();
        totalAvailable += capacity.available();
      }
      max = Math.max(max, capacity.pctUsed());
      min = Math.min(min, capacity.pctUsed());
      sum += capacity.pctUsed();
    }
    return new TargetCapacity(all, "", totalUsed, totalAvailable, max, (int) (sum / mountpaths.size()), min);
  }

  private static MountpathCapacity read(Path mountpath) {
    try {
      FileStore store = Files.getFileStore(mountpath);
      long total = store.getTotalSpace();
      long used = total - store.getUnallocatedSpace();
      long available = store.getUsableSpace();
      FileSystem fs = new FileSystem(store.name(), store.type(), fileSystemId(mountpath, store));
      return new MountpathCapacity("", fs, List.of(), used, available, percentUsed(used, available));
    } catch (IOException e) {
      throw new JaisException(ErrorCode.INTERNAL, "mountpath " + mountpath + ": cannot read its file system usage: " + e);
    }
  }

  /** As {@code df}: used over what non-root users can have (used + available), rounded up. */
  static int percentUsed(long used, long available) {
    long usable = used + available;
    return usable <= 0 ? 0 : (int) Math.ceil(used * 100.0 / usable);
  }

  /**
   * The file system's device number, as the two halves AIS prints for its {@code FsID}; falls
   * back to the store's name where the platform has no {@code unix:dev}.
   */
  private static String fileSystemId(Path mountpath, FileStore store) {
    try {
      long dev = (Long) Files.getAttribute(mountpath, "unix:dev");
      return (int) dev + "," + (int) (dev >>> 32);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return store.name() + "," + store.type();
    }
  }
}
