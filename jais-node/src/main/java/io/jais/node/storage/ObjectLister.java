package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import java.io.IOException;

/**
 * Lists the objects of a bucket that are on this target, a page at a time: continues the kept
 * walk that stopped where the page starts ({@link ListCursors}), or opens one there
 * ({@link ListCursor}), and keeps it for the next page unless the listing is complete.
 *
 * <p>What a listing guarantees while objects are added and deleted: every object that exists
 * from the listing's first page to its last, and matches, is listed exactly once, in order. An
 * object added after the walk passed its name is not listed; one added ahead of the walk's
 * position is listed once (a kept walk reads a changed directory again before it goes on); an
 * object deleted before the walk reaches it is not listed. A page may still hold an entry deleted
 * since that page's entries were read (as S3 may).
 */
final class ObjectLister {
  private final ObjectFiles files;
  private final ListCursors cursors;

  ObjectLister(ObjectFiles files, ListCursors cursors) {
    this.files = files;
    this.cursors = cursors;
  }

  ListPage list(Bucket bucket, ListQuery query) throws IOException {
    ObjectName.validatePrefix(bucket, query.prefix());
    ListCursor.Key key = new ListCursor.Key(bucket, query.prefix(), query.recursive(), query.metadata());
    ListCursor cursor = cursors.take(key, query.startAfter());
    if (cursor != null) {
      cursor.refresh();
    } else {
      cursor = ListCursor.open(files, key, query.startAfter(), cursors.racyMillis());
    }
    ListPage page = cursor.page(files, query.startAfter(), query.limit(), cursors.readers());
    if (!cursor.servedAll()) {
      cursors.keep(cursor);
    }
    return page;
  }

  void forgetBucket(Bucket bucket) {
    cursors.forgetBucket(bucket);
  }

  void close() {
    cursors.close();
  }

  ListCursors.Stats stats() {
    return cursors.stats();
  }
}
