package io.jais.node.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes directory trees robustly: first an atomic rename into the mountpath's {@code %trash}
 * (instant, so the tree disappears from every name lookup at once), then a recursive delete. A
 * crash mid-delete leaves only trash, which {@link #empty} finishes at the next start.
 */
final class Trash {
  private static final Logger LOG = LoggerFactory.getLogger(Trash.class);

  private Trash() {}

  /**
   * Moves {@code dir} (if it exists) to the trash of its mountpath at once, then deletes it in the
   * background: the name is free for new data immediately, however big the tree. Whatever a crash
   * leaves in the trash is removed at the next start ({@link #empty}).
   */
  static void discard(Mountpath mountpath, Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path trash = mountpath.path().resolve(Fqn.TRASH);
    Files.createDirectories(trash);
    Path doomed = trash.resolve(UUID.randomUUID().toString());
    try {
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // someone else removed it first
    }
    Thread.ofVirtual().name("trash-" + doomed.getFileName()).start(() -> {
      try {
        deleteTree(doomed);
      } catch (IOException e) {
        LOG.warn("cannot empty {} (it is removed at the next start): {}", doomed, e.toString());
      }
    });
  }

  /** Deletes everything in the mountpath's trash. */
  static void empty(Mountpath mountpath) throws IOException {
    deleteContents(mountpath.path().resolve(Fqn.TRASH));
  }

  /** Deletes the contents of {@code dir} but keeps it; returns how many top-level entries went. */
  static int deleteContents(Path dir) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        deleteTree(entry);
        deleted++;
      }
    } catch (NoSuchFileException e) {
      return deleted;
    }
    return deleted;
  }

  /** Deletes a file or a whole tree, tolerating entries that vanish meanwhile. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(root);
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
