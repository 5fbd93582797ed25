package io.jais.node.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Small helpers shared by the storage tests. */
final class TestObjects {
  private TestObjects() {}

  /** A store on two mountpaths, {@code mp1} and {@code mp2} under root: what most storage tests use. */
  static ObjectStore twoMountpathStore(Path root, StoreOptions options) throws IOException {
    return new ObjectStore(Mountpaths.open(List.of(root.resolve("mp1"), root.resolve("mp2"))), options);
  }

  static ObjectStore twoMountpathStore(Path root) throws IOException {
    return twoMountpathStore(root, StoreOptions.DEFAULT);
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  /** Reads a whole opened object and closes it. */
  static byte[] readAll(OpenedObject opened) throws IOException {
    try (opened) {
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(opened.channel().size()));
      while (buffer.hasRemaining()) {
        if (opened.channel().read(buffer, buffer.position()) < 0) {
          break;
        }
      }
      return buffer.array();
    }
  }

  /** Regular files anywhere under root that lie inside a directory with the given name. */
  static List<Path> filesUnder(Path root, String dirName) {
    return allFiles(root).stream().filter(path -> hasAncestorNamed(root.relativize(path), dirName)).toList();
  }

  private static boolean hasAncestorNamed(Path relative, String dirName) {
    for (Path dir = relative.getParent(); dir != null; dir = dir.getParent()) {
      if (dir.getFileName().toString().equals(dirName)) {
        return true;
      }
    }
    return false;
  }

  static List<Path> allFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
