package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Lists the objects of a bucket that are on this target: a k-way merge of one {@link SortedWalk}
 * and one {@link HashedNameWalk} (objects with over-long names) per mountpath, stopping at the page size, so memory does not grow with the bucket.
 *
 * <p><b>Design notes.</b> Each walk yields names in UTF-8 order; the priority queue holds one head
 * per walk, so the merged output is in order too. Equal names from different mountpaths (virtual
 * directories, or a copy left by an interrupted resilver) are emitted once. Files whose metadata
 * is missing or corrupt are skipped, matching what HEAD reports for them.
 */
final class ObjectLister {
  private record Head(NameWalk.Item item, NameWalk walk, Mountpath mountpath, int index) {}

  private static final Comparator<Head> ORDER = Comparator.<Head, String>comparing(head -> head.item().name(),
      ObjectName.UTF8_ORDER).thenComparingInt(Head::index);

  private final ObjectFiles files;

  ObjectLister(ObjectFiles files) {
    this.files = files;
  }

  ListPage list(Bucket bucket, ListQuery query) throws IOException {
    ObjectName.validatePrefix(bucket, query.prefix());
    PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
    List<Mountpath> mountpaths = files.mountpaths().all();
    for (int i = 0; i < mountpaths.size(); i++) {
      Mountpath mountpath = mountpaths.get(i);
      Path objects = Fqn.contentDir(mountpath, bucket, Fqn.OBJECTS);
      advance(heads, new SortedWalk(objects, query.prefix(), query.startAfter(), query.recursive()), mountpath, i);
      NameWalk hashed = new HashedNameWalk(objects, Fqn.contentDir(mountpath, bucket, Fqn.META), files::storedName,
          query.prefix(), query.startAfter(), query.recursive());
      advance(heads, hashed, mountpath, i);
    }
    List<ListEntry> entries = new ArrayList<>();
    String last = null;
    while (!heads.isEmpty() && entries.size() < query.limit()) {
      Head head = heads.poll();
      String name = head.item().name();
      if (!name.equals(last)) {
        Optional<ListEntry> entry = entry(bucket, head);
        if (entry.isPresent()) {
          entries.add(entry.get());
          last = name;
        }
      }
      advance(heads, head.walk(), head.mountpath(), head.index());
    }
    boolean full = entries.size() == query.limit();
    return new ListPage(entries, full ? last : "");
  }

  private static void advance(PriorityQueue<Head> heads, NameWalk walk, Mountpath mountpath, int index)
      throws IOException {
    NameWalk.Item next = walk.next();
    if (next != null) {
      heads.add(new Head(next, walk, mountpath, index));
    }
  }

  private Optional<ListEntry> entry(Bucket bucket, Head head) throws IOException {
    NameWalk.Item item = head.item();
    if (item.dir()) {
      return Optional.of(ListEntry.directory(item.name()));
    }
    ObjectKey key = new ObjectKey(bucket, item.name());
    return files.peek(key, Fqn.of(head.mountpath(), bucket, item.name())).map(meta -> ListEntry.object(item.name(), meta, head.mountpath()));
  }
}
