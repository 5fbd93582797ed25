package io.jais.node.ec.codec;

/**
 * Small dense matrices over GF(2^8): the codec's encoding matrix and the inverses it decodes with.
 * Immutable from the outside (every operation returns a new matrix).
 *
 * <p>Implementation notes: inversion is Gauss–Jordan elimination on [M | I]; a zero pivot is
 * swapped with a lower row, and a singular matrix throws. Matrices are at most 64×64 here (the
 * codec's D+P bound), so cubic time is nothing next to the data loops.
 */
final class GfMatrix {
  private final int[][] cells;

  private GfMatrix(int[][] cells) {
    this.cells = cells;
  }

  static GfMatrix identity(int n) {
    int[][] m = new int[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return new GfMatrix(m);
  }

  /**
   * The systematic encoding matrix of {@code data + parity} rows: the identity on top (data
   * slices are the data), a Cauchy matrix below, {@code 1 / (x_i + y_j)} with {@code x_i = data + i}
   * and {@code y_j = j}, all distinct. Every square submatrix of a Cauchy matrix is invertible, so
   * any {@code data} rows of the whole matrix are: any {@code data} slices rebuild the rest.
   */
  static GfMatrix systematicCauchy(int data, int parity) {
    int[][] m = new int[data + parity][data];
    for (int i = 0; i < data; i++) {
      m[i][i] = 1;
    }
    for (int i = 0; i < parity; i++) {
      for (int j = 0; j < data; j++) {
        m[data + i][j] = GaloisField.inverse((data + i) ^ j);
      }
    }
    return new GfMatrix(m);
  }

  int rows() {
    return cells.length;
  }

  int columns() {
    return cells[0].length;
  }

  int get(int row, int column) {
    return cells[row][column];
  }

  /** The rows at the given indexes, in that order. */
  GfMatrix selectRows(int[] rowIndexes) {
    int[][] m = new int[rowIndexes.length][];
    for (int i = 0; i < rowIndexes.length; i++) {
      m[i] = cells[rowIndexes[i]].clone();
    }
    return new GfMatrix(m);
  }

  GfMatrix times(GfMatrix other) {
    int n = rows();
    int k = columns();
    int p = other.columns();
    if (k != other.rows()) {
      throw new IllegalArgumentException("matrix shapes do not match");
    }
    int[][] m = new int[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        int sum = 0;
        for (int x = 0; x < k; x++) {
          sum ^= GaloisField.mul(cells[i][x], other.cells[x][j]);
        }
        m[i][j] = sum;
      }
    }
    return new GfMatrix(m);
  }

  /** @throws ArithmeticException when the matrix is singular */
  GfMatrix inverse() {
    int n = rows();
    if (n != columns()) {
      throw new IllegalArgumentException("only square matrices have inverses");
    }
    int[][] work = new int[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(cells[i], 0, work[i], 0, n);
      work[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      while (pivot < n && work[pivot][col] == 0) {
        pivot++;
      }
      if (pivot == n) {
        throw new ArithmeticException("singular matrix");
      }
      int[] swap = work[col];
      work[col] = work[pivot];
      work[pivot] = swap;
      int scale = GaloisField.inverse(work[col][col]);
      for (int j = 0; j < 2 * n; j++) {
        work[col][j] = GaloisField.mul(work[col][j], scale);
      }
      for (int row = 0; row < n; row++) {
        int factor = work[row][col];
        if (row != col && factor != 0) {
          for (int j = 0; j < 2 * n; j++) {
            work[row][j] ^= GaloisField.mul(factor, work[col][j]);
          }
        }
      }
    }
    int[][] inverse = new int[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(work[i], n, inverse[i], 0, n);
    }
    return new GfMatrix(inverse);
  }

  int[][] toArray() {
    int[][] copy = new int[cells.length][];
    for (int i = 0; i < cells.length; i++) {
      copy[i] = cells[i].clone();
    }
    return copy;
  }
}
