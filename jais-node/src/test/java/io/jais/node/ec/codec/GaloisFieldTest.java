package io.jais.node.ec.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GaloisFieldTest {
  /** Carry-less multiplication modulo 0x11d, bit by bit: the definition the tables must agree with. */
  private static int slowMul(int a, int b) {
    int product = 0;
    for (int i = 0; i < 8; i++) {
      if ((b & (1 << i)) != 0) {
        product ^= a << i;
      }
    }
    for (int bit = 15; bit >= 8; bit--) {
      if ((product & (1 << bit)) != 0) {
        product ^= 0x11d << (bit - 8);
      }
    }
    return product;
  }

  @Test
  void multiplication_matchesPolynomialArithmetic_forEveryPair() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        assertThat(GaloisField.mul(a, b)).as("%d * %d", a, b).isEqualTo(slowMul(a, b));
      }
    }
  }

  @Test
  void everyNonZeroElement_hasAnInverse_andDivisionUndoesMultiplication() {
    for (int a = 1; a < 256; a++) {
      assertThat(GaloisField.mul(a, GaloisField.inverse(a))).isEqualTo(1);
      for (int b = 1; b < 256; b++) {
        assertThat(GaloisField.div(GaloisField.mul(a, b), b)).isEqualTo(a);
      }
    }
    assertThat(GaloisField.div(0, 7)).isZero();
    assertThatThrownBy(() -> GaloisField.div(3, 0)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void power_isRepeatedMultiplication() {
    for (int a = 0; a < 256; a++) {
      int expected = 1;
      for (int n = 0; n < 300; n++) {
        assertThat(GaloisField.pow(a, n)).as("%d^%d", a, n).isEqualTo(expected);
        expected = GaloisField.mul(expected, a);
      }
    }
  }

  @Test
  void rowsOfProducts_areTheProducts() {
    for (int c = 0; c < 256; c++) {
      byte[] row = GaloisField.mulRow(c);
      for (int x = 0; x < 256; x++) {
        assertThat(row[x] & 0xff).isEqualTo(GaloisField.mul(c, x));
      }
    }
  }
}
