package io.jais.node.storage;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Per-object read/write locks, striped: a fixed array of {@link ReentrantReadWriteLock}s indexed
 * by the object key's hash, so memory stays constant however many objects exist. The key, not its
 * uname string: a hot GET would otherwise build the uname only to hash it. Two objects may share
 * a stripe, which only costs concurrency; callers must therefore never hold one object's lock
 * while taking another's (two stripes taken in opposite orders would deadlock). j.u.c locks park
 * virtual threads without pinning their carrier.
 */
public final class ObjectLocks {
  public static final int DEFAULT_STRIPES = 1024;

  private final ReentrantReadWriteLock[] stripes;

  public ObjectLocks() {
    this(DEFAULT_STRIPES);
  }

  /** @param stripeCount a power of two */
  public ObjectLocks(int stripeCount) {
    if (stripeCount <= 0 || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripes: " + stripeCount + " (expected: a power of two)");
    }
    stripes = new ReentrantReadWriteLock[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new ReentrantReadWriteLock();
    }
  }

  /** The lock guarding this object. */
  ReadWriteLock of(ObjectKey key) {
    int h = key.hashCode();
    h ^= h >>> 16; // String hashes vary mostly in the low bits for names that share a prefix
    return stripes[h & (stripes.length - 1)];
  }
}
