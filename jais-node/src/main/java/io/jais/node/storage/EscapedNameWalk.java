package io.jais.node.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Lists the objects that one mountpath stores in the escaped form ({@link Fqn}): their names are
 * only in their metadata, so every file of the {@value ObjectName#ESCAPED} directory is read and
 * the matches are sorted in memory. {@link ObjectLister} merges this walk with the
 * {@link SortedWalk}s.
 *
 * <p><b>Design notes.</b> Escaped names are the minority a path cannot hold (folder markers,
 * {@code a//b}, over-long components, {@code a/b} beside {@code a/b/c}); a listing reads them once
 * and keeps them while it is cached ({@link ListCursors}), counted in {@link #buffered}. A file
 * whose stored name does not hash to its file name is a stray (copied in by hand, a collision
 * moved there): GET cannot reach it, so it is skipped. In non-recursive mode a name below the
 * prefix's directory becomes its virtual directory, the same item {@link SortedWalk} yields for a
 * real one (the lister emits equal names once). {@link #refresh} reads the directory again, after
 * the last name given, when its modification time changed or was racy (see {@link SortedWalk}).
 */
final class EscapedNameWalk implements NameWalk {
  /** Reads the name stored in the metadata of an escaped file; empty when missing or corrupt. */
  interface NameReader {
    Optional<String> storedName(Path file, Path sidecar) throws IOException;
  }

  private final Path objectsDir;
  private final Path metaDir;
  private final NameReader reader;
  private final String prefix;
  private final String baseDir;
  private final boolean recursive;
  private final long racyMillis;
  private String after;
  private List<Item> items = List.of();
  private int next;
  private long mtimeNanos;
  private boolean racy;

  /** @param prefix a validated prefix ({@link ObjectName#validatePrefix}) */
  EscapedNameWalk(Path objectsDir, Path metaDir, NameReader reader, String prefix, String startAfter,
      boolean recursive, long racyMillis) throws IOException {
    this.objectsDir = objectsDir;
    this.metaDir = metaDir;
    this.reader = reader;
    this.prefix = prefix;
    this.baseDir = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    this.recursive = recursive;
    this.racyMillis = racyMillis;
    this.after = startAfter;
    read();
  }

  @Override
  public Item next() {
    if (next == items.size()) {
      return null;
    }
    Item item = items.get(next++);
    after = item.name();
    return item;
  }

  @Override
  public void refresh() throws IOException {
    if (racy || mtimeNanos() != mtimeNanos) {
      read();
    }
  }

  @Override
  public int buffered() {
    return items.size();
  }

  private void read() throws IOException {
    mtimeNanos = mtimeNanos();
    racy = System.currentTimeMillis() - mtimeNanos / 1_000_000 < racyMillis;
    TreeMap<String, Item> sorted = new TreeMap<>(ObjectName.UTF8_ORDER);
    Path dir = objectsDir.resolve(ObjectName.ESCAPED);
    List<byte[]> files;
    try {
      files = NativeFs.readDir(dir);
    } catch (NoSuchFileException e) {
      files = List.of(); // no escaped names on this mountpath
    }
    for (byte[] fileName : files) {
      if (fileName[fileName.length - 1] == '/') {
        continue;
      }
      String hash = new String(fileName, StandardCharsets.UTF_8);
      Path file = dir.resolve(hash);
      Optional<String> name = reader.storedName(file, metaDir.resolve(ObjectName.ESCAPED).resolve(hash));
      if (name.isEmpty() || !name.get().startsWith(prefix) || !Fqn.hashedPath(objectsDir, name.get()).equals(file)) {
        continue;
      }
      Item item = item(name.get());
      if (after.isEmpty() || ObjectName.UTF8_ORDER.compare(item.name(), after) > 0) {
        sorted.putIfAbsent(item.name(), item);
      }
    }
    items = new ArrayList<>(sorted.values());
    next = 0;
  }

  private Item item(String name) {
    int slash = recursive ? -1 : name.indexOf('/', baseDir.length());
    return slash < 0 ? new Item(name, false, true) : new Item(name.substring(0, slash + 1), true, true);
  }

  private long mtimeNanos() throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(objectsDir.resolve(ObjectName.ESCAPED),
          BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    } catch (NoSuchFileException e) {
      return -1;
    }
  }
}
