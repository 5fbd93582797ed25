package io.jais.node.job.kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The regular files of a directory (with {@code recursive}, of its subdirectories too), read one
 * directory at a time as the iteration goes, so a directory of millions of files is never held
 * in memory. Entries that vanish while it runs (another target promoting the same share with
 * {@code delete-src}) are skipped, not errors. Symbolic links are not followed. Open directory
 * streams are closed as each is exhausted; {@link #close()} closes the rest.
 */
final class SourceFiles implements Iterator<Path>, AutoCloseable {
  private final boolean recursive;
  private final Deque<DirectoryStream<Path>> open = new ArrayDeque<>();
  private final Deque<Iterator<Path>> levels = new ArrayDeque<>();
  private Path next;

  SourceFiles(Path directory, boolean recursive) throws IOException {
    this.recursive = recursive;
    enter(directory);
  }

  private void enter(Path directory) throws IOException {
    DirectoryStream<Path> stream;
    try {
      stream = Files.newDirectoryStream(directory);
    } catch (NoSuchFileException e) {
      return; // removed meanwhile
    }
    open.push(stream);
    levels.push(stream.iterator());
  }

  @Override
  public boolean hasNext() {
    try {
      while (next == null && !levels.isEmpty()) {
        Iterator<Path> level = levels.peek();
        if (!level.hasNext()) {
          levels.pop();
          open.pop().close();
          continue;
        }
        Path path = level.next();
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue;
        }
        if (attributes.isRegularFile()) {
          next = path;
        } else if (attributes.isDirectory() && recursive) {
          enter(path);
        }
      }
      return next != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Path next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Path result = next;
    next = null;
    return result;
  }

  @Override
  public void close() throws IOException {
    while (!open.isEmpty()) {
      open.pop().close();
    }
    levels.clear();
  }
}
