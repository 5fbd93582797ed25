package io.jais.api.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * XXH64, streaming over {@link ByteBuffer}s (heap or direct) so that object bytes can be hashed
 * where they already are, without a copy. It is part of the wire contract twice: node
 * {@code id_digest}s and object placement hash with seed {@link #HRW_SEED}, and the default
 * object checksum ({@code xxhash2}) is XXH64 with seed 0.
 *
 * <p>Not thread-safe; one instance per stream. {@link #hash} is the one-shot form.
 */
public final class Xxh64 {
  /** AIS's "MLCG32" seed for node digests and HRW placement. */
  public static final long HRW_SEED = 1103515245L;

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  /** Little-endian longs out of a byte array, at any offset. */
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final long seed;
  private long v1;
  private long v2;
  private long v3;
  private long v4;
  private long totalLength;
  /** Bytes of an unfinished 32-byte stripe, carried to the next update or the digest. */
  private final byte[] pending;
  private int pendingLength;

  public Xxh64(long seed) {
    this(seed, new byte[32]);
  }

  private Xxh64(long seed, byte[] pending) {
    this.seed = seed;
    this.pending = pending;
    reset();
  }

  public void reset() {
    v1 = seed + P1 + P2;
    v2 = seed + P2;
    v3 = seed;
    v4 = seed - P1;
    totalLength = 0;
    pendingLength = 0;
  }

  /** Consumes the buffer's remaining bytes without changing its position (or anything else of it). */
  public Xxh64 update(ByteBuffer data) {
    int pos = data.position();
    int limit = data.limit();
    totalLength += limit - pos;
    if (pendingLength > 0) {
      int n = Math.min(32 - pendingLength, limit - pos);
      data.get(pos, pending, pendingLength, n);
      pendingLength += n;
      pos += n;
      if (pendingLength < 32) {
        return this;
      }
      stripes(pending, 0, 32);
      pendingLength = 0;
    }
    if (limit - pos >= 32) {
      // request bodies come in direct buffers; names (HRW) and S3 payloads in heap ones
      pos = data.hasArray()
          ? stripes(data.array(), data.arrayOffset() + pos, limit - pos) - data.arrayOffset()
          : stripes(data, pos, limit);
    }
    data.get(pos, pending, 0, limit - pos);
    pendingLength = limit - pos;
    return this;
  }

  public Xxh64 update(byte[] data, int offset, int length) {
    return update(ByteBuffer.wrap(data, offset, length));
  }

  /*
   * The two stripe loops below are the checksum of every stored byte (~20 % of a target's CPU on
   * PUT before they were written this way): the lanes live in locals for the whole loop (fields
   * would be loaded and stored per stripe) and the loop is counted, so the JIT unrolls it and
   * checks the bounds once. Both return the index after the last whole stripe.
   */

  private int stripes(byte[] in, int from, int length) {
    long a = v1;
    long b = v2;
    long c = v3;
    long d = v4;
    int end = from + (length & ~31);
    for (int at = from; at < end; at += 32) {
      a = round(a, (long) LE_LONG.get(in, at));
      b = round(b, (long) LE_LONG.get(in, at + 8));
      c = round(c, (long) LE_LONG.get(in, at + 16));
      d = round(d, (long) LE_LONG.get(in, at + 24));
    }
    v1 = a;
    v2 = b;
    v3 = c;
    v4 = d;
    return end;
  }

  private int stripes(ByteBuffer buffer, int from, int limit) {
    long a = v1;
    long b = v2;
    long c = v3;
    long d = v4;
    int end = from + ((limit - from) & ~31);
    // getLong on a little-endian duplicate, made after the lanes are read (measured: made first,
    // the loop ran at the old speed): 1.4x a byteBufferViewVarHandle, which checks the buffer's
    // memory session on every access
    ByteBuffer in = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int at = from; at < end; at += 32) {
      a = round(a, in.getLong(at));
      b = round(b, in.getLong(at + 8));
      c = round(c, in.getLong(at + 16));
      d = round(d, in.getLong(at + 24));
    }
    v1 = a;
    v2 = b;
    v3 = c;
    v4 = d;
    return end;
  }

  /** The digest of everything consumed so far; the state is left as is. */
  public long digest() {
    return finish(pending, 0, pendingLength);
  }

  /** The digest, given the bytes after the last whole stripe: {@code tail[from, to)}. */
  private long finish(byte[] tail, int from, int to) {
    long h;
    if (totalLength >= 32) {
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = mergeRound(h, v1);
      h = mergeRound(h, v2);
      h = mergeRound(h, v3);
      h = mergeRound(h, v4);
    } else {
      h = seed + P5;
    }
    h += totalLength;
    int at = from;
    for (; to - at >= 8; at += 8) {
      h ^= round(0, (long) LE_LONG.get(tail, at));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (to - at >= 4) {
      h ^= ((int) LE_INT.get(tail, at) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      at += 4;
    }
    for (; at < to; at++) {
      h ^= (tail[at] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long mergeRound(long acc, long val) {
    acc ^= round(0, val);
    return acc * P1 + P4;
  }

  /**
   * One shot over the array itself: no stripe buffer, no {@link ByteBuffer} (every proxy
   * redirect hashes the object's uname for HRW).
   */
  public static long hash(byte[] data, long seed) {
    Xxh64 state = new Xxh64(seed, null);
    state.totalLength = data.length;
    int tail = state.stripes(data, 0, data.length);
    return state.finish(data, tail, data.length);
  }

  public static long hash(String text, long seed) {
    return hash(text.getBytes(StandardCharsets.UTF_8), seed);
  }

  /** 16 lowercase hex digits of the big-endian digest: the AIS {@code xxhash2} checksum value. */
  public static String hex(long digest) {
    String s = Long.toHexString(digest);
    return "0".repeat(16 - s.length()) + s;
  }
}
