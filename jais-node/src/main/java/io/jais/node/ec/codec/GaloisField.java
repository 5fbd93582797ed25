package io.jais.node.ec.codec;

/**
 * Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d), the field
 * Reed–Solomon storage codes commonly use. Addition is XOR; multiplication and division go through
 * log/exp tables, and {@link #mulRow} gives the 256-entry product table of one constant, which the
 * codec's inner loops index byte by byte.
 *
 * <p>Implementation notes: the exp table is doubled (510 entries) so that {@code exp[log a + log b]}
 * needs no modulo. The full 256×256 product table (64 KiB) is built once; a row of it is what one
 * matrix coefficient costs in the inner loop, so the hot loop touches one 256-byte row at a time and
 * stays in L1.
 */
public final class GaloisField {
  private static final int POLYNOMIAL = 0x11d;
  private static final byte[] EXP = new byte[510];
  private static final int[] LOG = new int[256];
  private static final byte[][] PRODUCTS = new byte[256][256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = (byte) x;
      EXP[i + 255] = (byte) x;
      LOG[x] = i;
      x <<= 1;
      if (x >= 256) {
        x ^= POLYNOMIAL;
      }
    }
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        PRODUCTS[a][b] = a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
      }
    }
  }

  private GaloisField() {}

  public static int add(int a, int b) {
    return (a ^ b) & 0xff;
  }

  public static int mul(int a, int b) {
    return PRODUCTS[a & 0xff][b & 0xff] & 0xff;
  }

  /** a / b; b must not be 0. */
  public static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(2^8)");
    }
    if (a == 0) {
      return 0;
    }
    return EXP[LOG[a] - LOG[b] + 255] & 0xff;
  }

  public static int inverse(int a) {
    return div(1, a);
  }

  /** a^n for n >= 0. */
  public static int pow(int a, int n) {
    if (n == 0) {
      return 1;
    }
    if (a == 0) {
      return 0;
    }
    return EXP[(int) ((long) LOG[a] * n % 255)] & 0xff;
  }

  /** The products of {@code c} with every byte value; shared, never to be changed. */
  static byte[] mulRow(int c) {
    return PRODUCTS[c & 0xff];
  }
}
