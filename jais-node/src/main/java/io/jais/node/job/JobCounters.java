package io.jais.node.job;

import io.jais.api.job.JobSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A job's counters on one node: AIS's six (objects and bytes processed here, sent, received),
 * errors, and the kind's own categories (e.g. a cleanup's "old-work"), declared up front so that
 * every snapshot lists the same keys. Adds are contention-free ({@link LongAdder}); reads are
 * a consistent-enough sum for progress reports.
 */
public final class JobCounters {
  /** Failed objects (also described in the snapshot's {@code err}). */
  public static final String ERRORS = "errors";

  private final LongAdder objects = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder outObjects = new LongAdder();
  private final LongAdder outBytes = new LongAdder();
  private final LongAdder inObjects = new LongAdder();
  private final LongAdder inBytes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Map<String, LongAdder> extra = new LinkedHashMap<>();

  JobCounters(List<String> categories) {
    for (String name : categories) {
      extra.put(name, new LongAdder());
    }
  }

  /** One object of {@code size} bytes processed on this node. */
  public void processed(long size) {
    objects.increment();
    bytes.add(size);
  }

  /** One object of {@code size} bytes sent to another node. */
  public void sent(long size) {
    outObjects.increment();
    outBytes.add(size);
  }

  /** One object of {@code size} bytes received from another node. */
  public void received(long size) {
    inObjects.increment();
    inBytes.add(size);
  }

  void failed() {
    errors.increment();
  }

  /**
   * Adds to a category declared by the kind.
   *
   * @throws IllegalArgumentException for an undeclared category (a programming error)
   */
  public void add(String category, long delta) {
    LongAdder counter = extra.get(category);
    if (counter == null) {
      throw new IllegalArgumentException("undeclared job counter " + category);
    }
    counter.add(delta);
  }

  public long get(String category) {
    LongAdder counter = extra.get(category);
    return counter == null ? 0 : counter.sum();
  }

  public long objects() {
    return objects.sum();
  }

  public long bytes() {
    return bytes.sum();
  }

  public long errors() {
    return errors.sum();
  }

  /** The snapshot's {@code stats}: every counter as a decimal string, AIS's six first. */
  Map<String, String> asStats() {
    Map<String, String> stats = new LinkedHashMap<>();
    stats.put(JobSnapshot.STAT_OBJECTS, Long.toString(objects.sum()));
    stats.put(JobSnapshot.STAT_BYTES, Long.toString(bytes.sum()));
    stats.put(JobSnapshot.STAT_OUT_OBJECTS, Long.toString(outObjects.sum()));
    stats.put(JobSnapshot.STAT_OUT_BYTES, Long.toString(outBytes.sum()));
    stats.put(JobSnapshot.STAT_IN_OBJECTS, Long.toString(inObjects.sum()));
    stats.put(JobSnapshot.STAT_IN_BYTES, Long.toString(inBytes.sum()));
    stats.put(ERRORS, Long.toString(errors.sum()));
    extra.forEach((name, counter) -> stats.put(name, Long.toString(counter.sum())));
    return stats;
  }
}
