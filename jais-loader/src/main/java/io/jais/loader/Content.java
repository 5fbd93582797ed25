package io.jais.loader;

import io.jais.api.hash.Xxh64;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic object content derived from the name, so that reads can be verified without
 * keeping the data: byte {@code i} of object {@code name} is {@code POOL[(start(name) + i) mod
 * P]}, with {@code POOL} a fixed pseudo-random block of {@code P} = 1 MiB and {@code start} the
 * name's XXH64. Producing and checking content is an array write / compare, no generation per
 * byte, and a body sent from the wrong object, offset or length fails the check.
 */
public final class Content {
  /** The period of the content pattern. */
  public static final int PERIOD = 1 << 20;
  private static final byte[] POOL = new byte[PERIOD];
  /**
   * The pattern twice over in direct memory, read-only: any window of up to {@link #PERIOD} bytes
   * is one slice of it, which a channel writes to a socket as it is (a heap array would be copied
   * into a temporary direct buffer first, 128 KiB at a time, by the JDK's socket streams).
   */
  private static final ByteBuffer TWICE;

  static {
    SplittableRandom random = new SplittableRandom(0x4a4149534c4f4144L); // "JAISLOAD"
    for (int i = 0; i < PERIOD; i += 8) {
      long v = random.nextLong();
      for (int b = 0; b < 8; b++) {
        POOL[i + b] = (byte) (v >>> (8 * b));
      }
    }
    TWICE = ByteBuffer.allocateDirect(2 * PERIOD).put(POOL).put(POOL).flip().asReadOnlyBuffer();
  }

  private Content() {}

  /** Where object {@code name}'s content starts in the pattern. */
  public static int start(String name) {
    long h = Xxh64.hash(name.getBytes(StandardCharsets.UTF_8), 0);
    return (int) Math.floorMod(h, (long) PERIOD);
  }

  /** Copies the object's bytes {@code [offset, offset + length)} into {@code dst[at..]}. */
  public static void copy(int start, long offset, byte[] dst, int at, int length) {
    while (length > 0) {
      int p = (int) ((start + offset) % PERIOD);
      int n = Math.min(length, PERIOD - p);
      System.arraycopy(POOL, p, dst, at, n);
      at += n;
      offset += n;
      length -= n;
    }
  }

  /**
   * The object's bytes {@code [offset, offset + length)}, {@code length} at most {@link #PERIOD}:
   * a read-only direct view of the pattern, no copy.
   */
  static ByteBuffer slice(int start, long offset, int length) {
    if (length < 0 || length > PERIOD) {
      throw new IllegalArgumentException("a slice of the content is 0 to " + PERIOD + " bytes: " + length);
    }
    return TWICE.slice((int) ((start + offset) % PERIOD), length);
  }

  /** The whole content of a small object (tests, small PUTs). */
  public static byte[] bytes(String name, int length) {
    byte[] out = new byte[length];
    copy(start(name), 0, out, 0, length);
    return out;
  }

  /** Incremental check of a body against its name's content; feed it in order. */
  public static final class Verifier {
    private final int start;
    private long offset;
    private long firstMismatch = -1;

    public Verifier(String name) {
      this.start = start(name);
    }

    public void update(ByteBuffer data) {
      while (data.hasRemaining()) {
        int p = (int) ((start + offset) % PERIOD);
        int n = Math.min(data.remaining(), PERIOD - p);
        if (firstMismatch < 0) {
          int mismatch;
          if (data.hasArray()) {
            int pos = data.arrayOffset() + data.position();
            mismatch = java.util.Arrays.mismatch(data.array(), pos, pos + n, POOL, p, p + n);
          } else {
            mismatch = ByteBuffer.wrap(POOL, p, n).mismatch(data.slice(data.position(), n));
          }
          if (mismatch >= 0) {
            firstMismatch = offset + mismatch;
          }
        }
        data.position(data.position() + n);
        offset += n;
      }
    }

    public void update(byte[] b, int off, int len) {
      while (len > 0) {
        int p = (int) ((start + offset) % PERIOD);
        int n = Math.min(len, PERIOD - p);
        if (firstMismatch < 0) {
          int mismatch = java.util.Arrays.mismatch(b, off, off + n, POOL, p, p + n);
          if (mismatch >= 0) {
            firstMismatch = offset + mismatch;
          }
        }
        off += n;
        len -= n;
        offset += n;
      }
    }

    /** Bytes seen so far. */
    public long length() {
      return offset;
    }

    /** The offset of the first wrong byte, or -1 if all bytes so far are right. */
    public long firstMismatch() {
      return firstMismatch;
    }
  }
}
