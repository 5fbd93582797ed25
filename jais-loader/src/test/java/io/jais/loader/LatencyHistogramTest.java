package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void emptyHistogramReportsZeros() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.count()).isZero();
    assertThat(h.percentile(99)).isZero();
    assertThat(h.min()).isZero();
    assertThat(h.mean()).isZero();
  }

  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 50; v++) {
      h.record(v);
    }
    assertThat(h.percentile(50)).isEqualTo(25);
    assertThat(h.percentile(100)).isEqualTo(50);
    assertThat(h.min()).isEqualTo(1);
    assertThat(h.mean()).isCloseTo(25.5, within(1e-9));
  }

  @Test
  void bucketsCoverEveryValueWithBoundedError() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong(1, Long.MAX_VALUE >> random.nextInt(62));
      int idx = LatencyHistogram.index(v);
      long top = LatencyHistogram.highest(idx);
      assertThat(top).isGreaterThanOrEqualTo(v);
      assertThat((double) (top - v) / v).isLessThan(1.0 / (1 << LatencyHistogram.SUB_BITS));
      if (idx > 0) {
        assertThat(LatencyHistogram.highest(idx - 1)).isLessThan(v);
      }
    }
  }

  @Test
  void percentilesMatchSortedSamplesWithinResolution() {
    SplittableRandom random = new SplittableRandom(3);
    long[] samples = new long[20_000];
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (long) (Math.exp(random.nextDouble() * 12) * 1000); // 1 µs .. 160 ms, log-uniform
      (i % 2 == 0 ? a : b).record(samples[i]);
    }
    a.add(b); // merging is what the loader does with per-worker histograms
    Arrays.sort(samples);
    for (double p : new double[] {50, 90, 99, 99.9}) {
      long exact = samples[(int) Math.ceil(p / 100 * samples.length) - 1];
      assertThat((double) a.percentile(p)).isCloseTo(exact, within(exact * 0.02 + 1));
    }
    assertThat(a.count()).isEqualTo(samples.length);
    assertThat(a.min()).isEqualTo(samples[0]);
    assertThat(a.max()).isEqualTo(samples[samples.length - 1]);
    assertThat(a.percentile(100)).isEqualTo(samples[samples.length - 1]);
  }
}
