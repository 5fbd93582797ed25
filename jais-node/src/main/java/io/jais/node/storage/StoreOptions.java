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
 */
public record StoreOptions(boolean xattrs, int metaCacheEntries, Duration atimeFlushInterval, InstantSource clock) {
  public static final StoreOptions DEFAULT =
      new StoreOptions(true, 100_000, Duration.ofMinutes(1), InstantSource.system());

  public StoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(atimeFlushInterval, "atimeFlushInterval");
    if (metaCacheEntries < 1) {
      throw new IllegalArgumentException("metaCacheEntries: " + metaCacheEntries + " (expected: >= 1)");
    }
    if (atimeFlushInterval.isNegative()) {
      throw new IllegalArgumentException("atimeFlushInterval: " + atimeFlushInterval + " (expected: >= 0)");
    }
  }

  public StoreOptions withXattrs(boolean value) {
    return new StoreOptions(value, metaCacheEntries, atimeFlushInterval, clock);
  }

  public StoreOptions withMetaCacheEntries(int value) {
    return new StoreOptions(xattrs, value, atimeFlushInterval, clock);
  }

  public StoreOptions withAtimeFlushInterval(Duration value) {
    return new StoreOptions(xattrs, metaCacheEntries, value, clock);
  }

  public StoreOptions withClock(InstantSource value) {
    return new StoreOptions(xattrs, metaCacheEntries, atimeFlushInterval, value);
  }
}
