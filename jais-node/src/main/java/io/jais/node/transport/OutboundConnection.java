package io.jais.node.transport;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection to a peer, from the sending side: writes objects (on the sending
 * thread, which holds the connection's {@link Link} meanwhile) and matches the acks that come back
 * (on the event loop) to their futures.
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>Back-pressure: a sender writes only while the channel is writable (its outbound buffer is
 *       below the send high-water mark, file regions counted at their length) and while fewer than
 *       the negotiated window of objects are unacknowledged; otherwise it parks. So a connection
 *       holds at most the high-water mark plus one object in its outbound buffer.
 *   <li>Failures: when the connection closes, for whatever reason, every unacknowledged object
 *       fails with that reason; a sender still waiting for room had not written anything and
 *       retries on a new connection ({@link #send} returns null). Two timeouts bound every wait:
 *       the idle handler closes the connection after {@code ioTimeout} without a byte moving
 *       either way while something is owed (a peer that stopped reading or acknowledging); and an
 *       object whose ack is {@code ioTimeout} late after its last byte left fails alone, its slot
 *       in the window staying taken until the ack comes (the receiver still counts it).
 *   <li>A streamed body whose source fails is ended with an abort marker: the receiver's handler
 *       sees a failing body, the object fails here, and the connection stays usable.
 *   <li>Futures complete on virtual threads, never on the event loop, so a caller's dependent
 *       actions may block.
 * </ul>
 *
 * <p>Threading: {@code pending}, {@code window} and {@code closed} are guarded by {@code lock},
 * which the event loop holds only briefly; the pending objects' deadlines are event-loop only.
 */
final class OutboundConnection extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(OutboundConnection.class);

  /** An object written (or being written) and not acknowledged yet. */
  private static final class Pending {
    final ObjectHeader header;
    final CompletableFuture<Ack> future = new CompletableFuture<>();
    final AtomicBoolean settled = new AtomicBoolean();
    long seq;
    long bodyBytes;
    long ackDeadlineNanos; // event loop: set once the last byte left
    boolean expired; // event loop: failed by the ack sweep; the slot stays taken until the ack

    Pending(ObjectHeader header, long bodyBytes) {
      this.header = header;
      this.bodyBytes = bodyBytes;
    }
  }

  private final Peer peer;
  private final StreamOptions options;
  private final StreamCounters counters;
  private final Executor completions;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final HashMap<Long, Pending> pending = new HashMap<>();
  private Channel channel;
  private int window = 1;
  private int maxHeaderBytes = 1024;
  private long nextSeq = 1;
  private volatile boolean closed;
  private volatile String closeReason;
  private volatile boolean writing;
  private ScheduledFuture<?> ackSweep;

  OutboundConnection(Peer peer, StreamOptions options, StreamCounters counters, Executor completions) {
    this.peer = peer;
    this.options = options;
    this.counters = counters;
    this.completions = completions;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.channel = ctx.channel();
  }

  /** The handshake is done: objects may be sent within what the peer accepts. */
  void started(ClientHandshake.Negotiated negotiated) {
    lock.lock();
    try {
      window = negotiated.maxInFlight();
      maxHeaderBytes = negotiated.maxHeaderBytes();
    } finally {
      lock.unlock();
    }
    long period = Math.max(10, options.ioTimeout().toMillis() / 4);
    ackSweep = channel.eventLoop().scheduleAtFixedRate(this::expireLateAcks, period, period, TimeUnit.MILLISECONDS);
  }

  boolean isOpen() {
    return !closed && channel.isActive();
  }

  /**
   * Sending thread: writes one object. Returns its future, which completes with the receiver's
   * ack; or null when the connection closed before any of it was written (the caller still owns
   * the body and may try another connection).
   */
  CompletableFuture<Ack> send(ObjectHeader header, Body body) throws InterruptedException {
    boolean chunked = body instanceof Body.Streamed;
    int flags = body == Body.None.INSTANCE ? Wire.FLAG_HEADER_ONLY : chunked ? Wire.FLAG_CHUNKED : 0;
    ByteBuf prefix = channel.alloc().buffer(256);
    prefix.writeByte(Wire.OBJECT).writeByte(flags).writeLong(0).writeLong(body.length()).writeInt(0);
    HeaderCodec.encode(header, prefix);
    int headerLength = prefix.readableBytes() - Wire.OBJECT_PREFIX_BYTES;
    if (headerLength > maxHeaderBytes) {
      prefix.release();
      body.discard();
      return CompletableFuture.failedFuture(new JaisException(ErrorCode.INVALID_ARGUMENT, "stream to " + peer + ": "
          + header.describe() + ": header of " + headerLength + " bytes, the peer takes at most " + maxHeaderBytes));
    }
    prefix.setInt(Wire.OBJECT_PREFIX_BYTES - 4, headerLength);
    Pending p = new Pending(header, Math.max(0, body.length()));
    boolean registered = false;
    try {
      registered = awaitWritable() && register(p);
    } finally {
      if (!registered) {
        prefix.release();
      }
    }
    if (!registered) {
      return null;
    }
    prefix.setLong(2, p.seq);
    ChannelFuture last = switch (body) {
      case Body.None none -> channel.writeAndFlush(prefix);
      case Body.Buffer buffer -> {
        channel.write(prefix, channel.voidPromise());
        yield channel.writeAndFlush(buffer.bytes());
      }
      case Body.FileRange file -> {
        if (file.length() == 0) {
          file.release().run();
          yield channel.writeAndFlush(prefix);
        }
        channel.write(prefix, channel.voidPromise());
        yield channel.writeAndFlush(new StreamFileRegion(file));
      }
      case Body.Streamed streamed -> writeStreamed(prefix, streamed.source(), p);
    };
    if (last != null) {
      last.addListener(written -> written(p, written.isSuccess() ? null : written.cause()));
    }
    return p.future;
  }

  // Chunks of at most MAX_CHUNK_BYTES, each written only once the channel has room. Returns the
  // end marker's write, or null when the object ended otherwise (aborted, connection lost).
  private ChannelFuture writeStreamed(ByteBuf prefix, ByteBufSource source, Pending p) {
    channel.write(prefix, channel.voidPromise());
    writing = true;
    long total = 0;
    try {
      while (true) {
        ByteBuf chunk;
        try {
          chunk = source.next();
        } catch (IOException | RuntimeException e) {
          abort(p, "its source failed: " + e.getMessage(), e);
          return null;
        }
        if (chunk == null) {
          break;
        }
        try {
          while (chunk.isReadable()) {
            if (!awaitWritable()) {
              return null; // the connection is gone, and the object fails with it
            }
            int n = Math.min(chunk.readableBytes(), Wire.MAX_CHUNK_BYTES);
            channel.write(channel.alloc().buffer(4).writeInt(n), channel.voidPromise());
            channel.writeAndFlush(chunk.readRetainedSlice(n), channel.voidPromise());
            total += n;
          }
        } finally {
          chunk.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(p, "the sending thread was interrupted", e);
      return null;
    } finally {
      writing = false;
    }
    long declared = source.declaredLength();
    if (declared >= 0 && total != declared) {
      abort(p, "its source gave " + total + " of the " + declared + " bytes it declared", null);
      return null;
    }
    p.bodyBytes = total;
    return channel.writeAndFlush(channel.alloc().buffer(4).writeInt(Wire.CHUNK_END));
  }

  // The receiver's handler sees a failing body; its error ack will only free the window slot.
  private void abort(Pending p, String reason, Throwable cause) {
    channel.writeAndFlush(channel.alloc().buffer(4).writeInt(Wire.CHUNK_ABORT), channel.voidPromise());
    ErrorCode code = cause instanceof JaisException e ? e.code() : ErrorCode.INTERNAL;
    settle(p, null, new JaisException(code, "stream to " + peer + ": " + p.header.describe() + " not sent: " + reason,
        cause));
  }

  private boolean awaitWritable() throws InterruptedException {
    if (channel.isWritable()) {
      return !closed;
    }
    counters.sendWaits.increment();
    lock.lock();
    try {
      // checked under the lock the event loop signals with, so a change in between is not lost
      while (!channel.isWritable() && !closed) {
        changed.await();
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  private boolean register(Pending p) throws InterruptedException {
    lock.lock();
    try {
      if (pending.size() >= window && !closed) {
        counters.sendWaits.increment();
      }
      while (pending.size() >= window && !closed) {
        changed.await();
      }
      if (closed) {
        return false;
      }
      p.seq = nextSeq++;
      pending.put(p.seq, p);
      return true;
    } finally {
      lock.unlock();
    }
  }

  // event loop: the object's last byte left, or its write failed
  private void written(Pending p, Throwable failure) {
    if (failure != null) {
      closeWith("writing " + p.header.describe() + " failed: " + failure);
      return;
    }
    counters.objectsSent.increment();
    counters.bytesSent.add(p.bodyBytes);
    p.ackDeadlineNanos = System.nanoTime() + options.ioTimeout().toNanos();
  }

  // event loop, every quarter of the I/O timeout
  private void expireLateAcks() {
    long now = System.nanoTime();
    List<Pending> late = new ArrayList<>();
    lock.lock();
    try {
      for (Pending p : pending.values()) {
        if (!p.expired && p.ackDeadlineNanos != 0 && now - p.ackDeadlineNanos > 0) {
          p.expired = true;
          late.add(p);
        }
      }
    } finally {
      lock.unlock();
    }
    for (Pending p : late) {
      fail(p, "no ack within " + options.ioTimeout().toMillis() + " ms after its last byte was sent");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof AckDecoder.AckFrame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    Pending p;
    lock.lock();
    try {
      p = pending.remove(frame.seq());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (p == null) {
      closeWith("ack for object " + frame.seq() + ", which is not in flight");
      return;
    }
    settle(p, frame.ack(), null);
  }

  private void fail(Pending p, String reason) {
    settle(p, null, new JaisException(ErrorCode.UNAVAILABLE, "stream to " + peer + ": " + p.header.describe()
        + ": " + reason));
  }

  // Exactly once per object, on a virtual thread: a caller's dependent actions never run on the
  // event loop (nor on the sending thread, which may hold the link). Counted before completing,
  // so whoever sees the future done sees the counters too.
  private void settle(Pending p, Ack ack, Throwable failure) {
    if (!p.settled.compareAndSet(false, true)) {
      return;
    }
    if (ack != null) {
      (ack.isOk() ? counters.acksOk : counters.acksError).increment();
    } else if (failure instanceof JaisException e && e.code() == ErrorCode.UNAVAILABLE) {
      counters.transfersFailed.increment();
    }
    completions.execute(() -> {
      if (failure == null) {
        p.future.complete(ack);
      } else {
        p.future.completeExceptionally(failure);
      }
    });
  }

  /** Closes the connection; every unacknowledged object fails with {@code reason}. */
  void closeWith(String reason) {
    lock.lock();
    try {
      if (closeReason == null) {
        closeReason = reason;
      }
    } finally {
      lock.unlock();
    }
    channel.close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    signal();
    ctx.fireChannelWritabilityChanged();
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    List<Pending> lost;
    lock.lock();
    try {
      closed = true;
      if (closeReason == null) {
        closeReason = "the connection was closed";
      }
      lost = new ArrayList<>(pending.values());
      pending.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (ackSweep != null) {
      ackSweep.cancel(false);
    }
    if (!lost.isEmpty()) {
      log.info("stream to {} lost with {} object(s) unacknowledged: {}", peer, lost.size(), closeReason);
    }
    for (Pending p : lost) {
      fail(p, closeReason);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      boolean owing;
      lock.lock();
      try {
        owing = !pending.isEmpty() || writing;
      } finally {
        lock.unlock();
      }
      if (owing) {
        closeWith("nothing moved for " + options.ioTimeout().toMillis()
            + " ms: the peer stopped reading or acknowledging");
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    closeWith(reason instanceof JaisException e ? "malformed ack: " + e.getMessage() : reason.toString());
  }
}
