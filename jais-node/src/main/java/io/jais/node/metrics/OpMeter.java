package io.jais.node.metrics;

import io.jais.node.http.Meter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/**
 * The meter of one {@link Op} on one node: a success adds to the count, the time and (targets,
 * object bytes) the size; a failure (status 400 and up, except a 404 that is an answer) to the
 * error count; a response whose write failed to the node's write errors only.
 *
 * <p>Implementation notes: every data point is resolved once, when the node starts, and is a
 * Prometheus client counter over a {@link java.util.concurrent.atomic.LongAdder} (exemplars off):
 * {@link #record} is a handful of uncontended adds, with no allocation, no lock and no map lookup,
 * so it can run on the event loop for every GET.
 */
final class OpMeter implements Meter {
  private final Op op;
  private final CounterDataPoint count;
  private final CounterDataPoint errors;
  private final CounterDataPoint nanos;
  private final CounterDataPoint size; // null: this operation's bytes are not counted here
  private final CounterDataPoint writeErrors;

  OpMeter(Op op, CounterDataPoint count, CounterDataPoint errors, CounterDataPoint nanos, CounterDataPoint size,
      CounterDataPoint writeErrors) {
    this.op = op;
    this.count = count;
    this.errors = errors;
    this.nanos = nanos;
    this.size = size;
    this.writeErrors = writeErrors;
  }

  @Override
  public void record(int status, long nanos, long requestBytes, long responseBytes, boolean written) {
    if (!written) {
      writeErrors.inc();
      return;
    }
    if (status >= 400) {
      if (status != 404 || !op.notFoundIsAnswer()) {
        errors.inc();
      }
      return;
    }
    count.inc();
    this.nanos.inc(Math.max(0, nanos));
    if (size != null) {
      size.inc(op.body() == Op.Body.REQUEST ? requestBytes : responseBytes);
    }
  }

  Op op() {
    return op;
  }

  @Override
  public String toString() {
    return "OpMeter[" + op + "]";
  }
}
