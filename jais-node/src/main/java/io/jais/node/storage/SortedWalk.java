package io.jais.node.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Walks one mountpath's {@code %ob} tree of a bucket in name order (UTF-8 bytes), lazily: only the
 * directories on the current path are held in memory, one sorted listing each.
 *
 * <p>Why sorting a directory's children gives global name order: a subdirectory {@code d} is
 * ordered by the key {@code "d/"}, the common prefix of every name beneath it. Since no component
 * contains {@code /}, comparing {@code "d/"} with a sibling decides the same way as comparing any
 * name under {@code d}.
 *
 * <p>Subtrees that cannot match the prefix or lie entirely at or before {@code startAfter} are
 * skipped without being read, so paging deep into a big bucket does not rescan what came before.
 * The {@value ObjectName#LONG_NAMES} directory of objects stored under hashed names is left to
 * {@link HashedNameWalk}.
 */
final class SortedWalk implements NameWalk {
  private record Child(String key, Path path, boolean dir) {}

  private static final class Level {
    final String relativeDir;
    final List<Child> children;
    int next;

    Level(String relativeDir, List<Child> children) {
      this.relativeDir = relativeDir;
      this.children = children;
    }
  }

  private static final Comparator<Child> ORDER = Comparator.comparing(Child::key, ObjectName.UTF8_ORDER);

  private final String prefix;
  private final String startAfter;
  private final boolean recursive;
  private final Deque<Level> stack = new ArrayDeque<>();

  /** @param prefix a validated prefix ({@link ObjectName#validatePrefix}) */
  SortedWalk(Path objectsDir, String prefix, String startAfter, boolean recursive) throws IOException {
    this.prefix = prefix;
    this.startAfter = startAfter;
    this.recursive = recursive;
    String startRelative = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    // a directory part that cannot be a path (a//, /x, ../) has only escaped names under it
    boolean plainDir = startRelative.isEmpty() || ObjectName.plain(startRelative.substring(0, startRelative.length() - 1));
    Path startDir = startRelative.isEmpty() || !plainDir ? objectsDir : objectsDir.resolve(startRelative);
    if (plainDir && Files.isDirectory(startDir, LinkOption.NOFOLLOW_LINKS)) {
      push(startDir, startRelative);
    }
  }

  @Override
  public Item next() throws IOException {
    while (!stack.isEmpty()) {
      Level level = stack.peek();
      if (level.next == level.children.size()) {
        stack.pop();
        continue;
      }
      Child child = level.children.get(level.next++);
      String name = level.relativeDir + child.key();
      if (!child.dir()) {
        if (name.startsWith(prefix) && after(name)) {
          return new Item(name, child.path(), false);
        }
      } else if (!recursive) {
        if (name.startsWith(prefix) && after(name)) {
          return new Item(name, child.path(), true);
        }
      } else if (mayContainMatches(name)) {
        push(child.path(), name);
      }
    }
    return null;
  }

  private boolean after(String name) {
    return startAfter.isEmpty() || ObjectName.UTF8_ORDER.compare(name, startAfter) > 0;
  }

  /** Whether names under {@code dirName} (ending with '/') can match both filters. */
  private boolean mayContainMatches(String dirName) {
    boolean prefixOk = dirName.startsWith(prefix) || prefix.startsWith(dirName);
    return prefixOk && (after(dirName) || startAfter.startsWith(dirName));
  }

  private void push(Path dir, String relativeDir) throws IOException {
    List<Child> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String component = entry.getFileName().toString();
        if (relativeDir.isEmpty() && component.equals(ObjectName.ESCAPED)) {
          continue;
        }
        if (!mayContainMatches(relativeDir + component + "/") && !mayMatchFile(relativeDir + component)) {
          continue; // decided by name alone: no stat
        }
        Child child = child(entry, component);
        if (child != null) {
          children.add(child);
        }
      }
    } catch (NoSuchFileException e) {
      return; // removed while we walked (object deleted, bucket destroyed)
    }
    children.sort(ORDER);
    stack.push(new Level(relativeDir, children));
  }

  private boolean mayMatchFile(String name) {
    return name.startsWith(prefix) && after(name);
  }

  private static Child child(Path entry, String component) throws IOException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        return new Child(component + "/", entry, true);
      }
      return attributes.isRegularFile() ? new Child(component, entry, false) : null; // skip symlinks & co
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
