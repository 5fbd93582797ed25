package io.jais.node.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/**
 * The counters of one job kind on one node ({@code xkind} label, as AIS labels per-job metrics):
 * what a job registry reports as its jobs start, end and make progress. Thread-safe, lock-free.
 */
public final class JobMeter {
  private final String kind;
  private final CounterDataPoint started;
  private final CounterDataPoint finished;
  private final CounterDataPoint aborted;
  private final CounterDataPoint objects;
  private final CounterDataPoint bytes;

  JobMeter(String kind, CounterDataPoint started, CounterDataPoint finished, CounterDataPoint aborted,
      CounterDataPoint objects, CounterDataPoint bytes) {
    this.kind = kind;
    this.started = started;
    this.finished = finished;
    this.aborted = aborted;
    this.objects = objects;
    this.bytes = bytes;
  }

  public String kind() {
    return kind;
  }

  /** A job of this kind started on this node. */
  public void started() {
    started.inc();
  }

  /** A job of this kind ended by itself (successfully or with errors it reports). */
  public void finished() {
    finished.inc();
  }

  /** A job of this kind was aborted (by a user, or by the cluster changing under it). */
  public void aborted() {
    aborted.inc();
  }

  /** Objects the job processed (copied, evicted, listed, ...); may be called per object or batch. */
  public void objects(long count) {
    if (count > 0) {
      objects.inc(count);
    }
  }

  /** Bytes the job moved. */
  public void bytes(long count) {
    if (count > 0) {
      bytes.inc(count);
    }
  }
}
