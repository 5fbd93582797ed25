package io.jais.node.ec;

import java.util.concurrent.atomic.AtomicLong;

/** What erasure coding did on this target since it started (logged, and read by tests and jobs). */
final class EcCounters {
  final AtomicLong encoded = new AtomicLong();
  final AtomicLong encodeFailures = new AtomicLong();
  final AtomicLong tooFewTargets = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong restored = new AtomicLong();
  final AtomicLong restoredBytes = new AtomicLong();

  void restored(long bytes) {
    restored.incrementAndGet();
    restoredBytes.addAndGet(bytes);
  }

  @Override
  public String toString() {
    return "encoded " + encoded + ", failed " + encodeFailures + ", too few targets " + tooFewTargets
        + ", dropped (queue full) " + dropped + ", rebuilt " + restored + " (" + restoredBytes + " bytes)";
  }
}
