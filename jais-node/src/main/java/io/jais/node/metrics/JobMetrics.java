package io.jais.node.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The seam between a node's jobs (xactions) and its metrics: a job registry asks for the
 * {@link JobMeter} of a kind once (per job or per kind) and reports on it. Exposed per kind as
 * {@code ais_<role>_xact_start_count_total{xkind="..."}} and likewise {@code xact_fin},
 * {@code xact_abort}, {@code xact_obj} (counts) and {@code xact_bytes_total}.
 */
public final class JobMetrics {
  static final String STARTED = "xact.start.n";
  static final String FINISHED = "xact.fin.n";
  static final String ABORTED = "xact.abort.n";
  static final String OBJECTS = "xact.obj.n";
  static final String BYTES = "xact.size";
  static final String KIND_LABEL = "xkind";

  private final Counter started;
  private final Counter finished;
  private final Counter aborted;
  private final Counter objects;
  private final Counter bytes;
  private final ConcurrentMap<String, JobMeter> byKind = new ConcurrentHashMap<>();

  /** Registers a counter with one variable label. */
  @FunctionalInterface
  interface LabeledCounters {
    Counter register(String name, MetricKind kind, String help, String label);
  }

  JobMetrics(LabeledCounters counters) {
    this.started = counters.register(STARTED, MetricKind.COUNTER, "jobs started, by kind", KIND_LABEL);
    this.finished = counters.register(FINISHED, MetricKind.COUNTER, "jobs that ended by themselves, by kind",
        KIND_LABEL);
    this.aborted = counters.register(ABORTED, MetricKind.COUNTER, "jobs aborted, by kind", KIND_LABEL);
    this.objects = counters.register(OBJECTS, MetricKind.COUNTER, "objects processed by jobs, by kind", KIND_LABEL);
    this.bytes = counters.register(BYTES, MetricKind.SIZE, "bytes moved by jobs, by kind", KIND_LABEL);
  }

  /** The meter of a job kind ({@code "lru"}, {@code "copy-bck"}, ...); the same one every call. */
  public JobMeter kind(String kind) {
    if (kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException("a job kind is required");
    }
    return byKind.computeIfAbsent(kind, k -> new JobMeter(k, started.labelValues(k), finished.labelValues(k),
        aborted.labelValues(k), objects.labelValues(k), bytes.labelValues(k)));
  }
}
