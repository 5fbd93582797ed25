package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The listings this target keeps between pages ({@link ListCursor}), so that a page costs what it
 * holds instead of what the bucket holds: the next page of a listing resumes the walk where the
 * previous one stopped (AIS keeps its list walks between pages likewise). Correctness never
 * depends on this cache: a request that finds no cursor for its start (another proxy's request
 * order, an evicted or expired cursor, a restart) builds one from its start name, which gives the
 * same page.
 *
 * <p><b>Design notes.</b> Cursors are found by what they list and where they stopped, not by a
 * session id, so S3 listings (whose continuation token is a name) and AIS listings resume alike.
 * A cursor is taken out while a page is made from it and put back after, so two requests never
 * share one. Memory is bounded by counts: at most {@code maxCursors} cursors and
 * {@code maxBuffered} names and entries held by all of them together (a walk holds the sorted
 * listings of the directories on its path, a window at most a page); past either bound the least
 * recently used cursors go. Cursors idle for longer than {@code idle} go at the next call. A single
 * listing over {@code maxBuffered} on its own is not kept: its pages rebuild.
 */
final class ListCursors {
  /** How recent a directory's modification time must be for a walk to read it again on every resume. */
  static final long RACY_MILLIS = 100;
  static final int MAX_CURSORS = 32;
  /** About 4 million names: a flat directory of a million objects is one listing's worth. */
  static final long MAX_BUFFERED = 4_000_000;
  static final Duration IDLE = Duration.ofMinutes(2);
  /** Threads reading listed objects' metadata in parallel (a cold cache waits for the disk per object). */
  static final int METADATA_READERS = 8;

  private final int maxCursors;
  private final long maxBuffered;
  private final long idleNanos;
  private final long racyMillis;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  /** Least recently used first. */
  private final List<ListCursor> cursors = new ArrayList<>();
  private ExecutorService readers;
  private long resumed;
  private long opened;
  private long evicted;

  ListCursors(int maxCursors, long maxBuffered, Duration idle, long racyMillis, LongSupplier nanoClock) {
    this.maxCursors = maxCursors;
    this.maxBuffered = maxBuffered;
    this.idleNanos = idle.toNanos();
    this.racyMillis = racyMillis;
    this.nanoClock = nanoClock;
  }

  static ListCursors withDefaults() {
    return new ListCursors(MAX_CURSORS, MAX_BUFFERED, IDLE, RACY_MILLIS, System::nanoTime);
  }

  long racyMillis() {
    return racyMillis;
  }

  /** Takes out the cursor that a page of {@code key} after {@code startAfter} continues, or null. */
  ListCursor take(ListCursor.Key key, String startAfter) {
    lock.lock();
    try {
      expireIdle();
      for (int i = cursors.size() - 1; i >= 0; i--) {
        ListCursor cursor = cursors.get(i);
        if (cursor.key().equals(key) && cursor.resumesAt(startAfter)) {
          cursors.remove(i);
          resumed++;
          return cursor;
        }
      }
      opened++;
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Keeps a cursor for the next page, evicting the least recently used past the bounds. */
  void keep(ListCursor cursor) {
    lock.lock();
    try {
      cursor.lastUsedNanos = nanoClock.getAsLong();
      cursors.add(cursor);
      long buffered = bufferedLocked();
      while (!cursors.isEmpty() && (cursors.size() > maxCursors || buffered > maxBuffered)) {
        buffered -= cursors.remove(0).buffered();
        evicted++;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops the cursors of a bucket whose directories are going away. */
  void forgetBucket(Bucket bucket) {
    lock.lock();
    try {
      cursors.removeIf(cursor -> cursor.key().bucket().equals(bucket));
    } finally {
      lock.unlock();
    }
  }

  private void expireIdle() {
    long now = nanoClock.getAsLong();
    cursors.removeIf(cursor -> now - cursor.lastUsedNanos > idleNanos);
  }

  private long bufferedLocked() {
    long total = 0;
    for (ListCursor cursor : cursors) {
      total += cursor.buffered();
    }
    return total;
  }

  /** The shared threads for metadata reads (started on first use). */
  ExecutorService readers() {
    lock.lock();
    try {
      if (readers == null) {
        readers = Executors.newFixedThreadPool(METADATA_READERS,
            Thread.ofPlatform().daemon().name("list-meta-", 0).factory());
      }
      return readers;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the metadata readers and forgets every cursor. */
  void close() {
    lock.lock();
    try {
      cursors.clear();
      if (readers != null) {
        readers.shutdownNow();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Counts for tests and diagnostics. */
  record Stats(int cursors, long buffered, long resumed, long opened, long evicted) {}

  Stats stats() {
    lock.lock();
    try {
      return new Stats(cursors.size(), bufferedLocked(), resumed, opened, evicted);
    } finally {
      lock.unlock();
    }
  }
}
