package io.jais.node.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link StreamStats}; updated from event loops and sending threads. */
final class StreamCounters {
  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder protocolErrors = new LongAdder();
  final LongAdder objectsReceived = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder errorAcksSent = new LongAdder();
  final LongAdder receivePauses = new LongAdder();
  final AtomicLong peakQueuedBytes = new AtomicLong();
  final LongAdder connects = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder objectsSent = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder acksOk = new LongAdder();
  final LongAdder acksError = new LongAdder();
  final LongAdder transfersFailed = new LongAdder();
  final LongAdder sendWaits = new LongAdder();

  void queued(long bytes) {
    peakQueuedBytes.accumulateAndGet(bytes, Math::max);
  }

  StreamStats snapshot() {
    return new StreamStats(connectionsAccepted.sum(), connectionsRefused.sum(), protocolErrors.sum(),
        objectsReceived.sum(), bytesReceived.sum(), errorAcksSent.sum(), receivePauses.sum(), peakQueuedBytes.get(),
        connects.sum(), connectFailures.sum(), objectsSent.sum(), bytesSent.sum(), acksOk.sum(), acksError.sum(),
        transfersFailed.sum(), sendWaits.sum());
  }
}
