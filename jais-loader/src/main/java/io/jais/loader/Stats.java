package io.jais.loader;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one run. Each worker records into its own {@link Worker} (histograms are not
 * thread-safe); the shared adders feed the live progress line.
 */
final class Stats {
  final EnumMap<Mix.Op, LongAdder> ops = new EnumMap<>(Mix.Op.class);
  final EnumMap<Mix.Op, LongAdder> bytes = new EnumMap<>(Mix.Op.class);
  final EnumMap<Mix.Op, LongAdder> nanos = new EnumMap<>(Mix.Op.class);
  final LongAdder errors = new LongAdder();

  Stats() {
    for (Mix.Op op : Mix.Op.values()) {
      ops.put(op, new LongAdder());
      bytes.put(op, new LongAdder());
      nanos.put(op, new LongAdder());
    }
  }

  /** One worker's share: latency histograms and error counts by kind. */
  static final class Worker {
    final EnumMap<Mix.Op, LatencyHistogram> latency = new EnumMap<>(Mix.Op.class);
    final EnumMap<Mix.Op, Map<String, Long>> errors = new EnumMap<>(Mix.Op.class);
    final EnumMap<Mix.Op, Long> bytes = new EnumMap<>(Mix.Op.class);
    /** Attempts a node shed (503) and the worker made again after a back-off. */
    final EnumMap<Mix.Op, Long> retried = new EnumMap<>(Mix.Op.class);

    Worker() {
      for (Mix.Op op : Mix.Op.values()) {
        latency.put(op, new LatencyHistogram());
        errors.put(op, new TreeMap<>());
        bytes.put(op, 0L);
        retried.put(op, 0L);
      }
    }

    void add(Worker other) {
      for (Mix.Op op : Mix.Op.values()) {
        latency.get(op).add(other.latency.get(op));
        other.errors.get(op).forEach((k, v) -> errors.get(op).merge(k, v, Long::sum));
        bytes.merge(op, other.bytes.get(op), Long::sum);
        retried.merge(op, other.retried.get(op), Long::sum);
      }
    }

    long errorCount(Mix.Op op) {
      return errors.get(op).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
