package io.jais.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of a run: per operation totals, rates and latency percentiles. */
public record Summary(double seconds, List<Line> lines) {
  /** One operation's (or the total's) numbers; latencies in nanoseconds. */
  public record Line(String op, long ops, long errors, long bytes, double opsPerSec, double mibPerSec,
      long min, double avg, long p50, long p90, long p99, long max, Map<String, Long> errorKinds, long retried) {}

  static Summary of(Stats.Worker total, double seconds) {
    List<Line> lines = new ArrayList<>();
    LatencyHistogram all = new LatencyHistogram();
    long allErrors = 0;
    long allBytes = 0;
    long allRetried = 0;
    for (Mix.Op op : Mix.Op.values()) {
      LatencyHistogram h = total.latency.get(op);
      long errors = total.errorCount(op);
      if (h.count() == 0 && errors == 0) {
        continue;
      }
      long bytes = total.bytes.get(op);
      long retried = total.retried.get(op);
      lines.add(line(op.name(), h, errors, bytes, seconds, total.errors.get(op), retried));
      all.add(h);
      allErrors += errors;
      allBytes += bytes;
      allRetried += retried;
    }
    if (lines.size() > 1) {
      lines.add(line("TOTAL", all, allErrors, allBytes, seconds, Map.of(), allRetried));
    }
    return new Summary(seconds, lines);
  }

  private static Line line(String op, LatencyHistogram h, long errors, long bytes, double seconds,
      Map<String, Long> kinds, long retried) {
    return new Line(op, h.count(), errors, bytes, h.count() / seconds, bytes / seconds / (1 << 20), h.min(),
        h.mean(), h.percentile(50), h.percentile(90), h.percentile(99), h.max(), Map.copyOf(kinds), retried);
  }

  /** Attempts shed by an overloaded node (503) and made again, over all operations. */
  public long totalRetried() {
    return lines.stream().filter(l -> !l.op().equals("TOTAL")).mapToLong(Line::retried).sum();
  }

  public Line line(String op) {
    return lines.stream().filter(l -> l.op().equals(op)).findFirst().orElse(null);
  }

  public long totalOps() {
    return lines.stream().filter(l -> !l.op().equals("TOTAL")).mapToLong(Line::ops).sum();
  }

  public long totalErrors() {
    return lines.stream().filter(l -> !l.op().equals("TOTAL")).mapToLong(Line::errors).sum();
  }

  /** A human-readable table plus one {@code result ...} line per operation for scripts. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-6s %10s %10s %10s %7s %9s %9s %9s %9s %9s %9s%n", "op", "ops",
        "ops/s", "MiB/s", "errors", "min", "avg", "p50", "p90", "p99", "max"));
    for (Line l : lines) {
      sb.append(String.format(Locale.ROOT, "%-6s %10d %10.1f %10.2f %7d %9s %9s %9s %9s %9s %9s%n", l.op(), l.ops(),
          l.opsPerSec(), l.mibPerSec(), l.errors(), ms(l.min()), ms(l.avg()), ms(l.p50()), ms(l.p90()), ms(l.p99()),
          ms(l.max())));
    }
    for (Line l : lines) {
      if (!l.errorKinds().isEmpty()) {
        sb.append("errors ").append(l.op()).append(": ").append(l.errorKinds()).append('\n');
      }
      if (l.retried() > 0 && !l.op().equals("TOTAL")) {
        sb.append("shed by an overloaded node (503) and retried ").append(l.op()).append(": ").append(l.retried())
            .append('\n');
      }
    }
    for (Line l : lines) {
      sb.append(String.format(Locale.ROOT,
          "result op=%s ops=%d errors=%d ops_per_s=%.1f mib_per_s=%.2f min_us=%d avg_us=%.0f p50_us=%d p90_us=%d"
              + " p99_us=%d max_us=%d seconds=%.2f retried=%d%n",
          l.op(), l.ops(), l.errors(), l.opsPerSec(), l.mibPerSec(), l.min() / 1000, l.avg() / 1000, l.p50() / 1000,
          l.p90() / 1000, l.p99() / 1000, l.max() / 1000, seconds, l.retried()));
    }
    return sb.toString();
  }

  /** Milliseconds with 3 significant-ish digits: {@code 0.123ms}, {@code 12.3ms}, {@code 1234ms}. */
  static String ms(double nanos) {
    double ms = nanos / 1e6;
    if (ms < 1) {
      return String.format(Locale.ROOT, "%.3fms", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.2fms", ms);
    }
    return String.format(Locale.ROOT, "%.0fms", ms);
  }
}
