package io.jais.loader;

/**
 * A log-linear latency histogram in nanoseconds, HdrHistogram-style: values up to 2^{@value
 * #SUB_BITS} ns are exact; above, each power of two is split into 2^{@value #SUB_BITS} equal
 * buckets, so a recorded value is reported within 1/2^{@value #SUB_BITS} (about 1.6 %) of its
 * true value. Covers 1 ns to 2^63 ns in 3,700 counters (30 KiB). Not thread-safe: one per
 * worker and operation, {@link #add merged} for the report.
 */
public final class LatencyHistogram {
  static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = (64 - SUB_BITS) * SUB + SUB;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long sum;
  private long min = Long.MAX_VALUE;
  private long max;

  /** Records one value (negative values count as 0). */
  public void record(long nanos) {
    long v = Math.max(0, nanos);
    counts[index(v)]++;
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
    int shift = exp - SUB_BITS;
    int sub = (int) (v >>> shift) - SUB; // 0..SUB-1
    return SUB + shift * SUB + sub;
  }

  /** The largest value that falls in bucket {@code i} (values are reported at the bucket's top). */
  static long highest(int i) {
    if (i < SUB) {
      return i;
    }
    int shift = (i - SUB) / SUB;
    long sub = (i - SUB) % SUB + SUB;
    return ((sub + 1) << shift) - 1;
  }

  /** Adds another histogram's values to this one. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  public long count() {
    return count;
  }

  public long min() {
    return count == 0 ? 0 : min;
  }

  public long max() {
    return max;
  }

  public double mean() {
    return count == 0 ? 0 : (double) sum / count;
  }

  /**
   * The value at the given percentile (0..100]: the smallest recorded bucket that holds at least
   * that share of the values, capped by the exact maximum.
   */
  public long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.max(min, Math.min(max, highest(i)));
      }
    }
    return max;
  }
}
