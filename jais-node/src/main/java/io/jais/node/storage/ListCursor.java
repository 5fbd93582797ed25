package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One listing of this target's part of a bucket, as a walk that can pause between pages: a k-way
 * merge of one {@link SortedWalk} and one {@link EscapedNameWalk} per mountpath, plus the window
 * of entries it has given but whose use it does not know yet.
 *
 * <p><b>Design notes.</b> Each walk yields names in UTF-8 order and the priority queue holds one
 * head per walk, so the merged output is in order too; equal names from different walks (virtual
 * directories, a copy left by an interrupted resilver) are given once. A proxy merging several
 * targets uses only part of each target's page and asks for the next one after the last name it
 * used, which may lie anywhere in that page: so a page's entries stay in the window until a later
 * request starts after them, and the next page is the window's rest after that name, then the
 * walk's next entries. The window holds at most the largest page asked for. A request can resume
 * the cursor ({@link #resumesAt}) when it starts after the previous request's start and at or
 * before the window's last name; any other start (a new listing from the same name, a retry)
 * needs a new cursor, built from the name alone, which gives
 * the same pages. Objects whose metadata is missing or corrupt are skipped, matching HEAD; with
 * {@link ListQuery#metadata} false, plain names come from the directory entries alone.
 */
final class ListCursor {
  /** What a cursor lists; a request can only resume a cursor of the same key. */
  record Key(Bucket bucket, String prefix, boolean recursive, boolean metadata) {}

  private record Head(NameWalk.Item item, NameWalk walk, Mountpath mountpath, int index) {}

  /** A batch this big has its metadata read by several threads. */
  private static final int PARALLEL_BATCH = 64;

  private static final Comparator<Head> ORDER = Comparator.<Head, String>comparing(head -> head.item().name(),
      ObjectName.UTF8_ORDER).thenComparingInt(Head::index);

  private final Key key;
  /** Per mountpath index: {@code <mountpath>/.../%ob/}, what a plain name is appended to. */
  private final List<String> objectsDirs = new ArrayList<>();
  private final List<NameWalk> walks = new ArrayList<>();
  private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
  private final ArrayDeque<ListEntry> window = new ArrayDeque<>();
  private String position;
  private String lastPulled;
  private boolean servedAll;
  long lastUsedNanos;

  private ListCursor(Key key, String startAfter) {
    this.key = key;
    this.position = startAfter;
  }

  /** A new cursor at {@code startAfter}: the walks read only what lies after it. */
  static ListCursor open(ObjectFiles files, Key key, String startAfter, long racyMillis) throws IOException {
    ListCursor cursor = new ListCursor(key, startAfter);
    List<Mountpath> mountpaths = files.listedMountpaths(); // objects not resilvered yet are listed where they are
    for (int i = 0; i < mountpaths.size(); i++) {
      Mountpath mountpath = mountpaths.get(i);
      Path objects = Fqn.contentDir(mountpath, key.bucket(), Fqn.OBJECTS);
      cursor.objectsDirs.add(objects + "/");
      cursor.add(new SortedWalk(objects, key.prefix(), startAfter, key.recursive(), racyMillis), mountpath, i);
      cursor.add(new EscapedNameWalk(objects, Fqn.contentDir(mountpath, key.bucket(), Fqn.META), files::storedName,
          key.prefix(), startAfter, key.recursive(), racyMillis), mountpath, i);
    }
    return cursor;
  }

  private void add(NameWalk walk, Mountpath mountpath, int index) throws IOException {
    walks.add(walk);
    advance(walk, mountpath, index);
  }

  Key key() {
    return key;
  }

  /** Whether a page starting after {@code startAfter} continues this cursor. */
  boolean resumesAt(String startAfter) {
    // strictly after the previous start: a request at that start is a new listing (or a retry),
    // which must not get the window's entries as they were read then
    return ObjectName.UTF8_ORDER.compare(startAfter, position) > 0
        && !window.isEmpty() && ObjectName.UTF8_ORDER.compare(startAfter, window.peekLast().name()) <= 0;
  }

  /** Before a resumed page: lets every walk see what changed on disk while it waited. */
  void refresh() throws IOException {
    for (NameWalk walk : walks) {
      walk.refresh();
    }
  }

  /**
   * The next page after {@code startAfter} (which {@link #resumesAt} accepted, or the opening name).
   *
   * @param readers where a batch's metadata reads run in parallel (null: in this thread)
   */
  ListPage page(ObjectFiles files, String startAfter, int limit, ExecutorService readers) throws IOException {
    while (!window.isEmpty() && ObjectName.UTF8_ORDER.compare(window.peekFirst().name(), startAfter) <= 0) {
      window.pollFirst();
    }
    while (window.size() < limit) {
      List<Head> batch = new ArrayList<>();
      while (batch.size() < limit - window.size() && !heads.isEmpty()) {
        Head head = heads.poll();
        advance(head.walk(), head.mountpath(), head.index());
        if (!head.item().name().equals(lastPulled)) {
          batch.add(head);
        }
      }
      if (batch.isEmpty()) {
        break;
      }
      // in order; equal names (a virtual directory, a stray copy on another mountpath) once: the
      // first whose metadata is there
      for (Optional<ListEntry> entry : entries(files, batch, readers)) {
        if (entry.isPresent() && !entry.get().name().equals(lastPulled)) {
          window.addLast(entry.get());
          lastPulled = entry.get().name();
        }
      }
    }
    List<ListEntry> page = new ArrayList<>(Math.min(limit, window.size()));
    Iterator<ListEntry> entries = window.iterator();
    while (page.size() < limit && entries.hasNext()) {
      page.add(entries.next());
    }
    position = startAfter;
    servedAll = heads.isEmpty() && window.size() == page.size();
    boolean full = page.size() == limit;
    return new ListPage(page, full ? page.get(page.size() - 1).name() : "");
  }

  /** Whether the last page held everything that is left: nothing to keep the cursor for. */
  boolean servedAll() {
    return servedAll;
  }

  /** Names and entries held in memory: the window, the heads, the walks' directory listings. */
  int buffered() {
    int total = window.size() + heads.size();
    for (NameWalk walk : walks) {
      total += walk.buffered();
    }
    return total;
  }

  /**
   * The entries of a batch of walk items, in order, empty where the metadata is missing or
   * corrupt. Reading metadata is a system call per object that waits for the disk when the inode
   * is not cached: big batches are split over {@code readers}, so that the disk sees many reads at
   * once (platform threads: a downcall pins a virtual thread's carrier).
   */
  private List<Optional<ListEntry>> entries(ObjectFiles files, List<Head> batch, ExecutorService readers)
      throws IOException {
    if (!key.metadata() || readers == null || batch.size() < PARALLEL_BATCH) {
      return entries(files, batch);
    }
    int chunks = Math.min(ListCursors.METADATA_READERS, batch.size() / (PARALLEL_BATCH / 2));
    int chunkSize = (batch.size() + chunks - 1) / chunks;
    List<Future<List<Optional<ListEntry>>>> parts = new ArrayList<>(chunks);
    for (int from = 0; from < batch.size(); from += chunkSize) {
      List<Head> part = batch.subList(from, Math.min(batch.size(), from + chunkSize));
      parts.add(readers.submit(() -> entries(files, part)));
    }
    List<Optional<ListEntry>> all = new ArrayList<>(batch.size());
    try {
      for (Future<List<Optional<ListEntry>>> part : parts) {
        all.addAll(part.get());
      }
    } catch (InterruptedException e) {
      parts.forEach(part -> part.cancel(true));
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading listed objects' metadata");
    } catch (ExecutionException e) {
      parts.forEach(part -> part.cancel(true));
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
    return all;
  }

  private List<Optional<ListEntry>> entries(ObjectFiles files, List<Head> batch) throws IOException {
    List<Optional<ListEntry>> entries = new ArrayList<>(batch.size());
    try (NativeFs.XattrReader reader = key.metadata() ? new NativeFs.XattrReader("user." + LomStore.XATTR) : null) {
      for (Head head : batch) {
        entries.add(entry(files, head, reader));
      }
    }
    return entries;
  }

  private void advance(NameWalk walk, Mountpath mountpath, int index) throws IOException {
    NameWalk.Item next = walk.next();
    if (next != null) {
      heads.add(new Head(next, walk, mountpath, index));
    }
  }

  private Optional<ListEntry> entry(ObjectFiles files, Head head, NativeFs.XattrReader reader) throws IOException {
    NameWalk.Item item = head.item();
    if (item.dir()) {
      return Optional.of(ListEntry.directory(item.name()));
    }
    if (!key.metadata() && !item.escaped()) {
      return Optional.of(ListEntry.nameOnly(item.name(), head.mountpath()));
    }
    Bucket bucket = key.bucket();
    Mountpath mountpath = head.mountpath();
    String name = item.name();
    if (item.escaped()) {
      Fqn fqn = Fqn.escaped(mountpath, bucket, name);
      return files.peekListed(new ObjectKey(bucket, name), fqn.path().toString(), true, () -> fqn, reader)
          .map(meta -> ListEntry.object(name, meta, mountpath));
    }
    // a plain name from the walk is its path under %ob: no Fqn (validation, normalization) unless
    // the metadata is in a sidecar
    return files.peekListed(new ObjectKey(bucket, name), objectsDirs.get(head.index()) + name, false,
        () -> Fqn.of(mountpath, bucket, name), reader).map(meta -> ListEntry.object(name, meta, mountpath));
  }
}
