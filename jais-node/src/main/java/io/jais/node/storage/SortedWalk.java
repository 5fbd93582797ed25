package io.jais.node.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Walks one mountpath's {@code %ob} tree of a bucket in name order (UTF-8 bytes), lazily: only the
 * directories on the current path are held in memory, one sorted listing each, as UTF-8 bytes.
 *
 * <p><b>Design notes.</b> Why sorting a directory's children gives global name order: a
 * subdirectory {@code d} is ordered by the key {@code "d/"}, the common prefix of every name
 * beneath it; since no plain component contains {@code /}, comparing {@code "d/"} with a sibling
 * decides the same way as comparing any name under {@code d}. Directory entries come with their
 * type ({@link NativeFs#readDir}): no {@code stat} per entry. Subtrees that cannot match the
 * prefix or lie entirely at or before {@code startAfter} are skipped without being read, and
 * entries before {@code startAfter} are not kept, so starting deep into a big bucket does not
 * rescan what came before. The {@value ObjectName#ESCAPED} directory is left to
 * {@link EscapedNameWalk}.
 *
 * <p><b>Pausing.</b> A walk kept between pages ({@link ListCursors}) holds listings read earlier.
 * {@link #refresh} compares each held directory's modification time with the one seen before it
 * was read and reads a changed one again, going on after the last name it gave: names added ahead
 * of the position are seen, deleted ones are not given. A directory whose modification time was
 * within {@link #racyMillis} of the clock when it was read may change again within the same
 * timestamp tick, so it is read again on every resume until its time is older ("racy", as git
 * calls its index entries).
 */
final class SortedWalk implements NameWalk {
  private static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;
  private static final byte[][] NONE = new byte[0][];

  private static final class Level {
    final Path dir;
    final byte[] relativeDir;
    byte[][] children;
    int next;
    long mtimeNanos;
    boolean racy;

    Level(Path dir, byte[] relativeDir) {
      this.dir = dir;
      this.relativeDir = relativeDir;
    }
  }

  private final byte[] prefix;
  private final byte[] startAfter;
  private final boolean recursive;
  private final long racyMillis;
  private final Deque<Level> stack = new ArrayDeque<>();
  private byte[] scratch = new byte[2048];
  private int buffered;
  private int reads;

  /**
   * @param prefix a validated prefix ({@link ObjectName#validatePrefix})
   * @param racyMillis how recent a directory's modification time must be to be re-read on resume
   */
  SortedWalk(Path objectsDir, String prefix, String startAfter, boolean recursive, long racyMillis)
      throws IOException {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.startAfter = startAfter.getBytes(StandardCharsets.UTF_8);
    this.recursive = recursive;
    this.racyMillis = racyMillis;
    String startRelative = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    // a directory part that cannot be a path (a//, /x, ../) has only escaped names under it
    if (startRelative.isEmpty()) {
      push(objectsDir, new byte[0]);
    } else if (ObjectName.plain(startRelative.substring(0, startRelative.length() - 1))) {
      push(objectsDir.resolve(startRelative), startRelative.getBytes(StandardCharsets.UTF_8));
    }
  }

  SortedWalk(Path objectsDir, String prefix, String startAfter, boolean recursive) throws IOException {
    this(objectsDir, prefix, startAfter, recursive, ListCursors.RACY_MILLIS);
  }

  @Override
  public Item next() throws IOException {
    while (!stack.isEmpty()) {
      Level level = stack.peek();
      if (level.next == level.children.length) {
        buffered -= level.children.length;
        stack.pop();
        continue;
      }
      byte[] child = level.children[level.next++];
      int length = concat(level.relativeDir, child);
      boolean dir = child[child.length - 1] == '/';
      if (!dir || !recursive) {
        // kept children match the filters already (see read)
        return new Item(new String(scratch, 0, length, StandardCharsets.UTF_8), dir, false);
      }
      byte[] relative = Arrays.copyOf(scratch, length);
      push(level.dir.resolve(new String(child, 0, child.length - 1, StandardCharsets.UTF_8)), relative);
    }
    return null;
  }

  @Override
  public void refresh() throws IOException {
    for (Level level : stack) {
      long mtime = mtimeNanos(level.dir);
      if (mtime < 0) {
        drop(level); // the directory is gone: nothing left in it
      } else if (level.racy || mtime != level.mtimeNanos) {
        byte[] last = level.next == 0 ? null : level.children[level.next - 1];
        read(level);
        level.next = last == null ? 0 : insertionPointAfter(level.children, last);
      }
    }
  }

  @Override
  public int buffered() {
    return buffered;
  }

  /** How many directory listings this walk has read (for tests: a resumed walk reads none again). */
  int reads() {
    return reads;
  }

  private void push(Path dir, byte[] relativeDir) throws IOException {
    Level level = new Level(dir, relativeDir);
    read(level);
    if (level.children.length > 0) {
      stack.push(level);
    }
  }

  /** Reads, filters and sorts a directory's children; the time is taken first, so a change during the read is seen later. */
  private void read(Level level) throws IOException {
    reads++;
    long mtime = mtimeNanos(level.dir);
    long now = System.currentTimeMillis();
    if (mtime < 0) {
      drop(level);
      return;
    }
    List<byte[]> names;
    try {
      names = NativeFs.readDir(level.dir);
    } catch (NoSuchFileException e) {
      drop(level); // removed while we walked (object deleted, bucket destroyed)
      return;
    }
    List<byte[]> kept = new ArrayList<>(names.size());
    boolean root = level.relativeDir.length == 0;
    for (byte[] child : names) {
      if (root && isEscapedArea(child)) {
        continue;
      }
      if (keep(level.relativeDir, child)) {
        kept.add(child);
      }
    }
    byte[][] children = kept.toArray(NONE);
    Arrays.sort(children, ORDER);
    buffered += children.length - (level.children == null ? 0 : level.children.length);
    level.children = children;
    level.mtimeNanos = mtime;
    level.racy = now - mtime / 1_000_000 < racyMillis;
  }

  private void drop(Level level) {
    buffered -= level.children == null ? 0 : level.children.length;
    level.children = NONE;
    level.next = 0;
  }

  private static boolean isEscapedArea(byte[] child) {
    byte[] escaped = ObjectName.ESCAPED.getBytes(StandardCharsets.UTF_8);
    return child.length == escaped.length + 1 && child[escaped.length] == '/'
        && Arrays.equals(child, 0, escaped.length, escaped, 0, escaped.length);
  }

  /** Whether a child can yield a match: decided by name alone, before it is kept in memory. */
  private boolean keep(byte[] relativeDir, byte[] child) {
    int length = concat(relativeDir, child);
    boolean dir = child[child.length - 1] == '/';
    if (!dir || !recursive) {
      return startsWith(scratch, length, prefix) && after(scratch, length);
    }
    boolean prefixOk = startsWith(scratch, length, prefix) || startsWith(prefix, prefix.length, scratch, length);
    return prefixOk && (after(scratch, length) || startsWith(startAfter, startAfter.length, scratch, length));
  }

  private int concat(byte[] relativeDir, byte[] child) {
    int length = relativeDir.length + child.length;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    System.arraycopy(relativeDir, 0, scratch, 0, relativeDir.length);
    System.arraycopy(child, 0, scratch, relativeDir.length, child.length);
    return length;
  }

  private boolean after(byte[] name, int length) {
    return startAfter.length == 0 || Arrays.compareUnsigned(name, 0, length, startAfter, 0, startAfter.length) > 0;
  }

  private static boolean startsWith(byte[] name, int length, byte[] start) {
    return startsWith(name, length, start, start.length);
  }

  private static boolean startsWith(byte[] name, int length, byte[] start, int startLength) {
    return length >= startLength && Arrays.equals(name, 0, startLength, start, 0, startLength);
  }

  private static int insertionPointAfter(byte[][] sorted, byte[] key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ORDER.compare(sorted[mid], key) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The directory's modification time in nanoseconds, or -1 when it is gone. */
  private static long mtimeNanos(Path dir) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory() ? attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) : -1;
    } catch (NoSuchFileException e) {
      return -1;
    }
  }
}
