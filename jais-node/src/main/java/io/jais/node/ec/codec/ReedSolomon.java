package io.jais.node.ec.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Systematic Reed–Solomon erasure code over GF(2^8): {@code data} data slices and {@code parity}
 * parity slices of equal length; the data slices are the data itself, and any {@code data} of the
 * {@code data + parity} slices rebuild all the others. Thread-safe and immutable but for a cache of
 * decoding matrices.
 *
 * <p>Implementation notes:
 * <ul>
 *   <li>The encoding matrix is identity over a Cauchy matrix ({@link GfMatrix#systematicCauchy}),
 *       so every choice of {@code data} rows is invertible, without the Vandermonde-to-systematic
 *       reduction.</li>
 *   <li>Rebuilding takes the first {@code data} slices present, inverts their rows of the
 *       encoding matrix once per pattern of present and missing slices (cached: a restore runs the
 *       same pattern over every stripe), and computes each missing slice, data or parity alike,
 *       as one row of coefficients times the present slices.</li>
 *   <li>Inner loop ({@link #mulAdd}): one coefficient's 256-byte product row, eight bytes of
 *       input per {@code long} read, eight table lookups, one {@code long} XOR into the output; a
 *       coefficient of 1 is a plain {@code long} XOR. The loop walks the slices in blocks of
 *       {@value #BLOCK} bytes so that the outputs of a block stay in the L1 cache while every input
 *       is added in. The build does not enable {@code jdk.incubator.vector}, hence no SIMD.</li>
 * </ul>
 */
public final class ReedSolomon {
  /** Slices per code: GF(2^8) allows 256 rows; the decoding cache keys a pattern as 64 bits. */
  public static final int MAX_SLICES = 64;
  private static final int BLOCK = 8 * 1024;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int data;
  private final int parity;
  private final GfMatrix matrix;
  private final int[][] parityRows;
  private final ConcurrentHashMap<Pattern, int[][]> decoders = new ConcurrentHashMap<>();

  private record Pattern(long present, long missing) {}

  private ReedSolomon(int data, int parity) {
    this.data = data;
    this.parity = parity;
    this.matrix = GfMatrix.systematicCauchy(data, parity);
    this.parityRows = new int[parity][data];
    for (int i = 0; i < parity; i++) {
      for (int j = 0; j < data; j++) {
        parityRows[i][j] = matrix.get(data + i, j);
      }
    }
  }

  /** @throws IllegalArgumentException unless 1 <= data, 1 <= parity, data + parity <= {@value #MAX_SLICES} */
  public static ReedSolomon of(int data, int parity) {
    if (data < 1 || parity < 1 || data + parity > MAX_SLICES) {
      throw new IllegalArgumentException("data " + data + ", parity " + parity + ": expected 1.. each, at most "
          + MAX_SLICES + " together");
    }
    return new ReedSolomon(data, parity);
  }

  public int dataSlices() {
    return data;
  }

  public int paritySlices() {
    return parity;
  }

  public int totalSlices() {
    return data + parity;
  }

  /**
   * Computes the parity slices {@code slices[data .. data+parity-1]} over bytes
   * {@code [offset, offset+length)} of the data slices {@code slices[0 .. data-1]}.
   */
  public void encode(byte[][] slices, int offset, int length) {
    checkSlices(slices, offset, length);
    byte[][] inputs = new byte[data][];
    System.arraycopy(slices, 0, inputs, 0, data);
    byte[][] outputs = new byte[parity][];
    System.arraycopy(slices, data, outputs, 0, parity);
    multiply(parityRows, inputs, outputs, offset, length);
  }

  /**
   * Rebuilds every slice not {@code present} over bytes {@code [offset, offset+length)}, in place,
   * from the present ones. Missing slices must be allocated arrays (their content is overwritten).
   *
   * @throws IllegalArgumentException when fewer than {@code data} slices are present
   */
  public void reconstruct(byte[][] slices, boolean[] present, int offset, int length) {
    checkSlices(slices, offset, length);
    if (present.length != data + parity) {
      throw new IllegalArgumentException("present: " + present.length + " flags for " + (data + parity) + " slices");
    }
    long presentMask = 0;
    long missingMask = 0;
    int count = 0;
    for (int i = 0; i < present.length; i++) {
      if (!present[i]) {
        missingMask |= 1L << i;
      } else if (count < data) {
        presentMask |= 1L << i;
        count++;
      }
    }
    if (count < data) {
      throw new IllegalArgumentException(count + " slices present, " + data + " needed to rebuild");
    }
    if (missingMask == 0) {
      return;
    }
    int[][] coefficients = decoders.computeIfAbsent(new Pattern(presentMask, missingMask), this::decoder);
    byte[][] inputs = new byte[data][];
    byte[][] outputs = new byte[Long.bitCount(missingMask)][];
    int in = 0;
    int out = 0;
    for (int i = 0; i < present.length; i++) {
      if ((presentMask & (1L << i)) != 0) {
        inputs[in++] = slices[i];
      } else if ((missingMask & (1L << i)) != 0) {
        outputs[out++] = slices[i];
      }
    }
    multiply(coefficients, inputs, outputs, offset, length);
  }

  /** Coefficients over the present slices for each missing one: its encoding row times the inverse. */
  private int[][] decoder(Pattern pattern) {
    int[] rows = new int[data];
    int n = 0;
    for (int i = 0; i < data + parity; i++) {
      if ((pattern.present() & (1L << i)) != 0) {
        rows[n++] = i;
      }
    }
    GfMatrix inverse = matrix.selectRows(rows).inverse();
    int[] missing = new int[Long.bitCount(pattern.missing())];
    n = 0;
    for (int i = 0; i < data + parity; i++) {
      if ((pattern.missing() & (1L << i)) != 0) {
        missing[n++] = i;
      }
    }
    return matrix.selectRows(missing).times(inverse).toArray();
  }

  private void checkSlices(byte[][] slices, int offset, int length) {
    if (slices.length != data + parity) {
      throw new IllegalArgumentException(slices.length + " slices for a " + data + "+" + parity + " code");
    }
    for (byte[] slice : slices) {
      Objects.requireNonNull(slice, "slice");
      Objects.checkFromIndexSize(offset, length, slice.length);
    }
  }

  private static void multiply(int[][] coefficients, byte[][] inputs, byte[][] outputs, int offset, int length) {
    int end = offset + length;
    for (int block = offset; block < end; block += BLOCK) {
      int blockLength = Math.min(BLOCK, end - block);
      for (int o = 0; o < outputs.length; o++) {
        int[] row = coefficients[o];
        byte[] output = outputs[o];
        setProduct(row[0], inputs[0], output, block, blockLength);
        for (int i = 1; i < inputs.length; i++) {
          mulAdd(row[i], inputs[i], output, block, blockLength);
        }
      }
    }
  }

  /** output = c * input over the range. */
  private static void setProduct(int c, byte[] input, byte[] output, int offset, int length) {
    if (c == 1) {
      System.arraycopy(input, offset, output, offset, length);
      return;
    }
    byte[] row = GaloisField.mulRow(c);
    int end = offset + length;
    int i = offset;
    for (; i + 8 <= end; i += 8) {
      LONGS.set(output, i, products(row, (long) LONGS.get(input, i)));
    }
    for (; i < end; i++) {
      output[i] = row[input[i] & 0xff];
    }
  }

  /** output ^= c * input over the range. */
  private static void mulAdd(int c, byte[] input, byte[] output, int offset, int length) {
    int end = offset + length;
    int i = offset;
    if (c == 0) {
      return;
    }
    if (c == 1) {
      for (; i + 8 <= end; i += 8) {
        LONGS.set(output, i, (long) LONGS.get(output, i) ^ (long) LONGS.get(input, i));
      }
      for (; i < end; i++) {
        output[i] ^= input[i];
      }
      return;
    }
    byte[] row = GaloisField.mulRow(c);
    for (; i + 8 <= end; i += 8) {
      LONGS.set(output, i, (long) LONGS.get(output, i) ^ products(row, (long) LONGS.get(input, i)));
    }
    for (; i < end; i++) {
      output[i] ^= row[input[i] & 0xff];
    }
  }

  /** The eight bytes of {@code v}, each replaced by its product from {@code row}. */
  private static long products(byte[] row, long v) {
    return (row[(int) v & 0xff] & 0xffL)
        | (row[(int) (v >>> 8) & 0xff] & 0xffL) << 8
        | (row[(int) (v >>> 16) & 0xff] & 0xffL) << 16
        | (row[(int) (v >>> 24) & 0xff] & 0xffL) << 24
        | (row[(int) (v >>> 32) & 0xff] & 0xffL) << 32
        | (row[(int) (v >>> 40) & 0xff] & 0xffL) << 40
        | (row[(int) (v >>> 48) & 0xff] & 0xffL) << 48
        | (row[(int) (v >>> 56) & 0xff] & 0xffL) << 56;
  }
}
