package io.jais.node.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lists the objects that one mountpath stores under hashed file names ({@link Fqn}): their names
 * are only in their metadata, so every file of the {@value ObjectName#LONG_NAMES} directory is read
 * and the matches are sorted in memory. Such names are rare (a component over 255 bytes), so the
 * directory stays small; {@link ObjectLister} merges this walk with the {@link SortedWalk}s.
 *
 * <p>In non-recursive mode a name below the prefix's directory becomes its virtual directory, the
 * same item {@link SortedWalk} yields for a real one (the lister emits equal names once).
 */
final class HashedNameWalk implements NameWalk {
  /** Reads the name stored in the metadata of a hashed file; empty when missing or corrupt. */
  interface NameReader {
    Optional<String> storedName(Path file, Path sidecar) throws IOException;
  }

  private final Iterator<Item> items;

  /** @param prefix a validated prefix ({@link ObjectName#validatePrefix}) */
  HashedNameWalk(Path objectsDir, Path metaDir, NameReader reader, String prefix, String startAfter,
      boolean recursive) throws IOException {
    String baseDir = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    TreeMap<String, Item> sorted = new TreeMap<>(ObjectName.UTF8_ORDER);
    Path dir = objectsDir.resolve(ObjectName.ESCAPED);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path sidecar = metaDir.resolve(ObjectName.ESCAPED).resolve(file.getFileName().toString());
        Optional<String> name = reader.storedName(file, sidecar);
        // a name that does not hash to its file is a stray (e.g. copied in by hand): GET could not find it either
        if (name.isEmpty() || !name.get().startsWith(prefix) || !Fqn.hashedPath(objectsDir, name.get()).equals(file)) {
          continue;
        }
        Item item = item(name.get(), file, baseDir, recursive);
        if (startAfter.isEmpty() || ObjectName.UTF8_ORDER.compare(item.name(), startAfter) > 0) {
          sorted.putIfAbsent(item.name(), item);
        }
      }
    } catch (NoSuchFileException e) {
      // no hashed names on this mountpath
    }
    this.items = sorted.values().iterator();
  }

  private static Item item(String name, Path file, String baseDir, boolean recursive) {
    int slash = recursive ? -1 : name.indexOf('/', baseDir.length());
    return slash < 0 ? new Item(name, file, false) : new Item(name.substring(0, slash + 1), file, true);
  }

  @Override
  public Item next() {
    return items.hasNext() ? items.next() : null;
  }
}
