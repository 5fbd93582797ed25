package io.jais.node.storage;

import io.jais.api.hash.Hrw;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * One storage directory of a target, normally the root of its own filesystem. Its digest (the HRW
 * weight input) depends only on the absolute path, so object placement survives restarts.
 */
public record Mountpath(Path path, long digest) {

  public Mountpath {
    path = path.toAbsolutePath().normalize();
  }

  /** Opens a mountpath directory, creating it when missing. */
  public static Mountpath open(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    Files.createDirectories(absolute);
    return new Mountpath(absolute, Hrw.nodeDigest(absolute.toString()));
  }

  /** Total, used and available bytes of the filesystem under this mountpath. */
  public Capacity capacity() throws IOException {
    FileStore store = Files.getFileStore(path);
    long total = store.getTotalSpace();
    long available = store.getUsableSpace();
    return new Capacity(total, total - store.getUnallocatedSpace(), available);
  }

  /** Whether the filesystem accepts {@code user.*} extended attributes. */
  public boolean supportsXattrs() {
    try {
      return Files.getFileStore(path).supportsFileAttributeView(UserDefinedFileAttributeView.class);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }

  /** Filesystem capacity in bytes; {@code available} is what this process may still write. */
  public record Capacity(long total, long used, long available) {}
}
