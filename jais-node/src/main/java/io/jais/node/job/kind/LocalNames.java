package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ListPage;
import io.jais.node.storage.ListQuery;
import io.jais.node.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The names of this target's objects of a bucket under a prefix, in name order, listed a page at
 * a time as the iteration goes (a multi-object job's prefix selection). Virtual directories are
 * skipped. Objects removed behind the iteration do not disturb it: each page starts after the
 * last name seen. Disk errors surface as {@link UncheckedIOException}.
 */
final class LocalNames implements Iterator<String> {
  private static final int PAGE = 1_000;

  private final ObjectStore store;
  private final Bucket bucket;
  private final String prefix;
  private final boolean recursive;
  private final Deque<String> page = new ArrayDeque<>();
  private String after = "";
  private boolean last;

  LocalNames(ObjectStore store, Bucket bucket, String prefix, boolean recursive) {
    this.store = store;
    this.bucket = bucket;
    this.prefix = prefix;
    this.recursive = recursive;
  }

  @Override
  public boolean hasNext() {
    while (page.isEmpty() && !last) {
      fill();
    }
    return !page.isEmpty();
  }

  private void fill() {
    ListPage next;
    try {
      next = store.list(bucket, new ListQuery(prefix, after, PAGE, recursive));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    last = next.entries().size() < PAGE;
    for (ListEntry entry : next.entries()) {
      after = entry.name();
      if (!entry.dir()) {
        page.add(entry.name());
      }
    }
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.poll();
  }
}
