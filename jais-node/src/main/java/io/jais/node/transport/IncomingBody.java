package io.jais.node.transport;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One object's body on its way to a handler: the event loop offers the slices it reads, the
 * handler's virtual thread pulls them. The same shape as an HTTP request body: the bytes queued
 * count against the connection's {@link InboundBudget}, which stops reading the socket while
 * handlers fall behind, so a slow handler slows its sender down through TCP instead of filling the
 * heap; and a consumer takes everything queued per wake-up, as one buffer (a composite, no copy),
 * woken only once a batch worth a hand-off is there, or the body ended or failed, or the
 * connection is paused (then nothing more will come until someone drains).
 *
 * <p>A body that ends short (connection lost, the sender's source failed, fewer bytes than it
 * declared) fails the consumer's next {@link #next()} with an {@link IOException} after the bytes
 * that did arrive, so a put into a work file discards it. After the handler returned, {@link
 * #discard} drops what is queued and whatever still arrives.
 *
 * <p>Threading: {@link #offer}, {@link #complete}, {@link #fail} and {@link #discard} run on the
 * event loop, {@link #next} on the handler's thread; all state is guarded by one lock.
 */
final class IncomingBody implements ByteBufSource {
  private final InboundBudget budget;
  private final long declaredLength;
  private final String what;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>(4);
  private long queuedBytes;
  private long received;
  private boolean complete;
  private boolean discarding;
  private boolean consumerWaiting;
  private IOException failure;

  /**
   * @param declaredLength the body's length, or -1 for a chunked body of unknown length
   * @param what the object and its sender, for messages
   */
  IncomingBody(InboundBudget budget, long declaredLength, String what) {
    this.budget = budget;
    this.declaredLength = declaredLength;
    this.what = what;
  }

  /** An empty body that is already complete (header-only messages, empty objects). */
  static IncomingBody empty(InboundBudget budget, String what) {
    IncomingBody body = new IncomingBody(budget, 0, what);
    body.complete = true;
    return body;
  }

  @Override
  public long declaredLength() {
    return declaredLength;
  }

  @Override
  public ByteBuf next() throws IOException {
    ByteBuf chunks;
    long bytes;
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (discarding) {
          throw new IOException(what + ": the body was discarded: its handler has returned");
        }
        if (failure != null) {
          throw new IOException(failure.getMessage(), failure);
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
      bytes = queuedBytes;
      chunks = takeAll();
    } finally {
      lock.unlock();
    }
    budget.taken(bytes);
    return chunks;
  }

  // The whole queue as one buffer: the slice itself when alone, else a composite that owns them.
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

  /** Event loop: takes ownership of a slice of the body. */
  void offer(ByteBuf slice) {
    int size = slice.readableBytes();
    lock.lock();
    try {
      received += size;
      if (discarding || failure != null || complete || size == 0) {
        slice.release();
        return;
      }
      queue.add(slice);
      queuedBytes += size;
      budget.added(size);
      if (consumerWaiting && (queuedBytes > budget.lowWater() || budget.isPaused())) {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Event loop: the last byte arrived. A chunked body shorter than it declared fails instead. */
  void complete() {
    lock.lock();
    try {
      if (declaredLength >= 0 && received != declaredLength) {
        failLocked("received " + received + " of " + declaredLength + " bytes");
        return;
      }
      complete = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Event loop: the body will never complete. */
  void fail(String why) {
    lock.lock();
    try {
      failLocked(why);
    } finally {
      lock.unlock();
    }
  }

  private void failLocked(String why) {
    if (complete || failure != null) {
      return;
    }
    String of = declaredLength >= 0 ? " of " + declaredLength : "";
    failure = new IOException(what + ": truncated body: received " + received + of + " bytes (" + why + ")");
    changed.signalAll();
  }

  /**
   * Event loop, once the handler has returned: frees what is queued and, from now on, whatever
   * still arrives of this body.
   */
  void discard() {
    long dropped = 0;
    lock.lock();
    try {
      discarding = true;
      for (ByteBuf chunk; (chunk = queue.poll()) != null; ) {
        dropped += chunk.readableBytes();
        chunk.release();
      }
      queuedBytes = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (dropped > 0) {
      budget.taken(dropped);
    }
  }

  /** True when every byte arrived (whether or not the handler read it). */
  boolean isComplete() {
    lock.lock();
    try {
      return complete;
    } finally {
      lock.unlock();
    }
  }
}
