package io.jais.node.storage;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Node-local knobs of an {@link ObjectStore}.
 *
 * @param xattrs store metadata in extended attributes; false forces {@code %md} sidecars
 * @param metaCacheEntries capacity of the in-memory metadata/atime cache
 * @param atimeFlushInterval how often buffered GET access times are written to disk;
 *     {@link Duration#ZERO} disables the background flush (call {@link ObjectStore#flushAtimes})
 * @param clock source of atime/mtime
 * @param openFiles how many open descriptors of recently read objects to keep for GETs; 0 opens
 *     the file per GET
 * @param openFileMaxAge a cached descriptor older than this is reopened, which is how soon a file
 *     changed behind the store's back is noticed
 */
public record StoreOptions(boolean xattrs, int metaCacheEntries, Duration atimeFlushInterval, InstantSource clock,
    int openFiles, Duration openFileMaxAge) {
  public static final StoreOptions DEFAULT =
      new StoreOptions(true, 100_000, Duration.ofMinutes(1), InstantSource.system(), 1024, Duration.ofSeconds(5));

  public StoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(atimeFlushInterval, "atimeFlushInterval");
    if (metaCacheEntries < 1) {
      throw new IllegalArgumentException("metaCacheEntries: " + metaCacheEntries + " (expected: >= 1)");
    }
    Objects.requireNonNull(openFileMaxAge, "openFileMaxAge");
    if (openFiles < 0) {
      throw new IllegalArgumentException("openFiles: " + openFiles + " (expected: >= 0)");
    }
    if (atimeFlushInterval.isNegative()) {
      throw new IllegalArgumentException("atimeFlushInterval: " + atimeFlushInterval + " (expected: >= 0)");
    }
  }

  public StoreOptions withXattrs(boolean value) {
    return new StoreOptions(value, metaCacheEntries, atimeFlushInterval, clock, openFiles, openFileMaxAge);
  }

  public StoreOptions withMetaCacheEntries(int value) {
    return new StoreOptions(xattrs, value, atimeFlushInterval, clock, openFiles, openFileMaxAge);
  }

  public StoreOptions withAtimeFlushInterval(Duration value) {
    return new StoreOptions(xattrs, metaCacheEntries, value, clock, openFiles, openFileMaxAge);
  }

  public StoreOptions withClock(InstantSource value) {
    return new StoreOptions(xattrs, metaCacheEntries, atimeFlushInterval, value, openFiles, openFileMaxAge);
  }

  public StoreOptions withOpenFiles(int value, Duration maxAge) {
    return new StoreOptions(xattrs, metaCacheEntries, atimeFlushInterval, clock, value, maxAge);
  }
}
