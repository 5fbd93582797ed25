package io.jais.node.http;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body in flight: the event loop offers chunks, the handler's virtual thread pulls them.
 * The queue is bounded in bytes: at the high-water mark the body asks the connection to stop
 * reading the socket, and once the consumer drains it below the low-water mark, to read again. So a
 * slow consumer slows the client down through TCP instead of filling the heap.
 *
 * <p>Per wake-up the consumer takes everything queued, as one buffer (a composite of the chunks,
 * not a copy), and a waiting consumer is woken only once more than the low-water mark is queued,
 * or the body ended or failed: one thread hand-off and one gathering write per batch of socket
 * reads instead of per read (docs/performance.md).
 *
 * <p>Threading: {@link #offer}, {@link #fail}, {@link #discard} and {@link #isPaused} run on the
 * event loop; {@link #next} on the handler's thread; shared state is guarded by one lock. The
 * four fields the connection polls several times per request are written under the lock by the
 * event loop only and are volatile, so those queries read them without taking it.
 */
final class RequestBody implements ByteBufSource {
  /** What the connection does when the body's appetite for bytes changes. */
  interface Pressure {
    /** Called on the event loop after {@link #isPaused()} may have changed. */
    void pressureChanged();

    /** Sends {@code 100 Continue}; called at most once, from the consumer's thread. */
    void sendContinue();
  }

  private final EventLoop eventLoop;
  private final Pressure pressure;
  private final long declaredLength;
  private final int highWater;
  private final int lowWater;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // made by the first chunk: most requests (GETs, the proxy's redirects) never have one
  private ArrayDeque<ByteBuf> queue;
  private long queuedBytes;
  private volatile long received;
  private volatile long discardedBytes;
  private volatile boolean complete;
  private boolean discarding;
  private boolean continuePending;
  private volatile boolean paused;
  private boolean consumerWaiting;
  private boolean resumeScheduled;
  private IOException failure;
  private long peakQueuedBytes;
  private int pauses;
  private int wakeUps;

  RequestBody(
      EventLoop eventLoop,
      Pressure pressure,
      long declaredLength,
      boolean expectContinue,
      int highWater,
      int lowWater) {
    this.eventLoop = eventLoop;
    this.pressure = pressure;
    this.declaredLength = declaredLength;
    this.continuePending = expectContinue;
    this.highWater = highWater;
    this.lowWater = lowWater;
  }

  @Override
  public long declaredLength() {
    return declaredLength;
  }

  @Override
  public ByteBuf next() throws IOException {
    sendContinueOnce();
    lock.lock();
    try {
      while (queue == null || queue.isEmpty()) {
        if (failure != null) {
          throw new IOException(failure.getMessage(), failure);
        }
        if (discarding) { // before 'complete': a late reader must not mistake this for the end
          throw new IOException("request body was discarded: the response has been sent");
        }
        if (complete) {
          return null;
        }
        consumerWaiting = true;
        try {
          changed.awaitUninterruptibly();
        } finally {
          consumerWaiting = false;
        }
      }
      ByteBuf chunks = takeAll();
      if (paused && !resumeScheduled) {
        resumeScheduled = true;
        eventLoop.execute(this::resume);
      }
      return chunks;
    } finally {
      lock.unlock();
    }
  }

  // The whole queue as one buffer: the chunk itself when alone, else a composite that owns them.
  private ByteBuf takeAll() {
    ByteBuf first = queue.poll();
    queuedBytes = 0;
    if (queue.isEmpty()) {
      return first;
    }
    CompositeByteBuf all = first.alloc().compositeBuffer(queue.size() + 1);
    all.addComponent(true, first);
    for (ByteBuf chunk; (chunk = queue.poll()) != null; ) {
      all.addComponent(true, chunk);
    }
    return all;
  }

  // The 100 goes out on the first pull only, so a handler that answers without reading (a proxy
  // redirect) lets the client skip sending the body altogether.
  private void sendContinueOnce() {
    boolean send;
    lock.lock();
    try {
      send = continuePending && !complete && failure == null;
      continuePending = false;
    } finally {
      lock.unlock();
    }
    if (send) {
      pressure.sendContinue();
    }
  }

  /** Event loop: takes ownership of the content; true once the last content has arrived. */
  boolean offer(HttpContent content) {
    ByteBuf data = content.content();
    int size = data.readableBytes();
    boolean last = content instanceof LastHttpContent;
    boolean pauseNow = false;
    lock.lock();
    try {
      received += size;
      if (discarding || failure != null) {
        discardedBytes += size;
        data.release();
      } else if (size > 0) {
        if (queue == null) {
          queue = new ArrayDeque<>(4);
        }
        queue.add(data);
        queuedBytes += size;
        peakQueuedBytes = Math.max(peakQueuedBytes, queuedBytes);
        if (!paused && queuedBytes >= highWater) {
          paused = pauseNow = true;
          pauses++;
        }
      } else {
        data.release();
      }
      if (last && failure == null) {
        complete = true;
      }
      // a waiting consumer sleeps on until a batch worth a hand-off is queued; pausing implies
      // queuedBytes >= highWater > lowWater, so a paused body always wakes it
      if (consumerWaiting && (queuedBytes > lowWater || complete || discarding || failure != null)) {
        changed.signal();
        wakeUps++;
      }
    } finally {
      lock.unlock();
    }
    if (pauseNow) {
      pressure.pressureChanged();
    }
    return last;
  }

  /** Event loop: the body will never complete (connection closed, malformed chunk). */
  void fail(String why) {
    lock.lock();
    try {
      if (complete || failure != null) {
        return;
      }
      String of =
          declaredLength >= 0 ? " of " + declaredLength + " bytes" : " bytes of a chunked body";
      failure = new IOException("truncated body: received " + received + of + " (" + why + ")");
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Event loop, once the handler has returned: frees what is queued, and from now on releases
   * whatever still arrives, so the connection can be reused.
   */
  void discard() {
    boolean wasPaused;
    lock.lock();
    try {
      discarding = true;
      continuePending = false;
      for (ByteBuf chunk; queue != null && (chunk = queue.poll()) != null; ) {
        discardedBytes += chunk.readableBytes();
        chunk.release();
      }
      queuedBytes = 0;
      wasPaused = paused;
      paused = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (wasPaused) {
      pressure.pressureChanged();
    }
  }

  private void resume() {
    lock.lock();
    try {
      resumeScheduled = false;
      if (!paused || queuedBytes > lowWater) {
        return;
      }
      paused = false;
    } finally {
      lock.unlock();
    }
    pressure.pressureChanged();
  }

  /** True while the queue is above its high-water mark and the socket should not be read. */
  boolean isPaused() {
    return paused;
  }

  /** True once the last content arrived (whether or not the handler read it). */
  boolean isComplete() {
    return complete;
  }

  /** True while a {@code 100 Continue} is owed and the client is still holding the body back. */
  boolean isContinuePending() {
    lock.lock();
    try {
      return continuePending && !complete;
    } finally {
      lock.unlock();
    }
  }

  long received() {
    return received;
  }

  long discardedBytes() {
    return discardedBytes;
  }

  /** The most bytes ever queued at once (tests show the queue stays bounded). */
  long peakQueuedBytes() {
    lock.lock();
    try {
      return peakQueuedBytes;
    } finally {
      lock.unlock();
    }
  }

  /** True while the consumer is blocked in {@link #next} (tests). */
  boolean hasWaitingConsumer() {
    lock.lock();
    try {
      return consumerWaiting;
    } finally {
      lock.unlock();
    }
  }

  /** How often {@link #offer} woke a waiting consumer (tests: hand-offs are batched). */
  int wakeUps() {
    lock.lock();
    try {
      return wakeUps;
    } finally {
      lock.unlock();
    }
  }

  /** How often the socket was paused because the consumer fell behind. */
  int pauses() {
    lock.lock();
    try {
      return pauses;
    } finally {
      lock.unlock();
    }
  }
}
