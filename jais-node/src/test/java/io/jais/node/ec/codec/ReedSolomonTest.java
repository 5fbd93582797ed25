package io.jais.node.ec.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Property-style: random data (seeded), every pattern of at most {@code parity} lost slices, for
 * several codes; lengths that are and are not multiples of the codec's 8-byte and block strides.
 */
class ReedSolomonTest {
  @ParameterizedTest(name = "{0}+{1}")
  @CsvSource({"1,1", "2,1", "2,2", "3,2", "4,2", "6,3", "8,4", "10,4", "1,5", "17,3"})
  void everyPatternOfAtMostParityLosses_rebuildsEverySlice(int data, int parity) {
    ReedSolomon codec = ReedSolomon.of(data, parity);
    SplittableRandom random = new SplittableRandom(31L * data + parity);
    for (int length : new int[] {1, 7, 8, 9, 1000, 8192 + 13}) {
      byte[][] original = randomSlices(random, data, parity, length);
      codec.encode(original, 0, length);
      assertThat(original[data]).as("parity is the matrix product").isEqualTo(slowParity(codec, original, 0, length));
      for (List<Integer> lost : subsets(data + parity, parity)) {
        byte[][] damaged = copy(original);
        boolean[] present = new boolean[data + parity];
        java.util.Arrays.fill(present, true);
        for (int i : lost) {
          present[i] = false;
          random.nextBytes(damaged[i]); // garbage where the lost slice was
        }
        codec.reconstruct(damaged, present, 0, length);
        for (int i = 0; i < data + parity; i++) {
          assertThat(damaged[i]).as("%d+%d, length %d, lost %s: slice %d", data, parity, length, lost, i)
              .isEqualTo(original[i]);
        }
      }
    }
  }

  @Test
  void aRangeInTheMiddle_isCodedAlone() {
    ReedSolomon codec = ReedSolomon.of(4, 2);
    SplittableRandom random = new SplittableRandom(5);
    byte[][] slices = randomSlices(random, 4, 2, 100_000);
    byte[][] before = copy(slices);
    codec.encode(slices, 1000, 50_003);
    for (int p = 4; p < 6; p++) {
      assertThat(java.util.Arrays.copyOfRange(slices[p], 0, 1000)).isEqualTo(java.util.Arrays.copyOfRange(before[p], 0, 1000));
      assertThat(java.util.Arrays.copyOfRange(slices[p], 51_003, 100_000))
          .isEqualTo(java.util.Arrays.copyOfRange(before[p], 51_003, 100_000));
    }
    byte[][] lost = copy(slices);
    lost[0] = new byte[100_000];
    lost[5] = new byte[100_000];
    codec.reconstruct(lost, new boolean[] {false, true, true, true, true, false}, 1000, 50_003);
    assertThat(java.util.Arrays.copyOfRange(lost[0], 1000, 51_003))
        .isEqualTo(java.util.Arrays.copyOfRange(slices[0], 1000, 51_003));
    assertThat(java.util.Arrays.copyOfRange(lost[5], 1000, 51_003))
        .isEqualTo(java.util.Arrays.copyOfRange(slices[5], 1000, 51_003));
  }

  @Test
  void moreLossesThanParity_isRefused() {
    ReedSolomon codec = ReedSolomon.of(2, 1);
    byte[][] slices = {new byte[4], new byte[4], new byte[4]};
    assertThatThrownBy(() -> codec.reconstruct(slices, new boolean[] {true, false, false}, 0, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 slices present, 2 needed");
  }

  @Test
  void shapesOutsideTheCode_areRefused() {
    assertThatThrownBy(() -> ReedSolomon.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomon.of(2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomon.of(40, 25)).isInstanceOf(IllegalArgumentException.class);
    ReedSolomon codec = ReedSolomon.of(2, 1);
    assertThatThrownBy(() -> codec.encode(new byte[][] {new byte[4], new byte[4]}, 0, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encode(new byte[][] {new byte[4], new byte[4], new byte[3]}, 0, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  /** The first parity slice computed byte by byte from the encoding matrix. */
  private static byte[] slowParity(ReedSolomon codec, byte[][] slices, int offset, int length) {
    int data = codec.dataSlices();
    GfMatrix matrix = GfMatrix.systematicCauchy(data, codec.paritySlices());
    byte[] parity = new byte[slices[0].length];
    for (int b = offset; b < offset + length; b++) {
      int sum = 0;
      for (int j = 0; j < data; j++) {
        sum ^= GaloisField.mul(matrix.get(data, j), slices[j][b]);
      }
      parity[b] = (byte) sum;
    }
    return parity;
  }

  private static byte[][] randomSlices(SplittableRandom random, int data, int parity, int length) {
    byte[][] slices = new byte[data + parity][length];
    for (int i = 0; i < data; i++) {
      random.nextBytes(slices[i]);
    }
    return slices;
  }

  private static byte[][] copy(byte[][] slices) {
    byte[][] copy = new byte[slices.length][];
    for (int i = 0; i < slices.length; i++) {
      copy[i] = slices[i].clone();
    }
    return copy;
  }

  /** Every subset of {0..n-1} with 1..max elements. */
  private static List<List<Integer>> subsets(int n, int max) {
    List<List<Integer>> all = new ArrayList<>();
    for (long mask = 1; mask < (1L << n); mask++) {
      if (Long.bitCount(mask) <= max) {
        List<Integer> subset = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if ((mask & (1L << i)) != 0) {
            subset.add(i);
          }
        }
        all.add(subset);
      }
    }
    return all;
  }
}
