package io.jais.node.transport;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of one authenticated connection, on its event loop: starts each object's
 * handler on a virtual thread, feeds it the body, and acknowledges the object once the handler
 * has returned. Nothing here blocks.
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li>Objects arrive one after another, but handlers run concurrently: a handler still
 *       committing object k does not hold up object k+1. At most the advertised {@code
 *       maxInFlight} objects may be unacknowledged; a sender exceeding it breaks the protocol and
 *       is disconnected, so one connection never runs more handlers than that.
 *   <li>Acks go out in the order handlers finish, each naming its object's sequence number.
 *   <li>An object nobody can take (unknown {@code trname}, a header with values this node
 *       refuses) gets an error ack at once, and its body is drained: the connection stays usable.
 *   <li>Memory: the {@link InboundBudget} pauses reading at its high-water mark; everything else
 *       held here is one object's state.
 *   <li>Timeouts: a sender that stops in the middle of a body, while this side is still reading,
 *       is disconnected after {@code ioTimeout} (the idle handler in front), so its handler does
 *       not wait forever; an idle connection between objects is left open (it is long-lived).
 * </ul>
 */
final class ObjectReceiver extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ObjectReceiver.class);

  private final ReceiveHandlers handlers;
  private final StreamCounters counters;
  private final Executor executor;
  private final String selfName;
  private final String senderId;
  private final int maxInFlight;
  private final int highWater;
  private final int lowWater;
  private ChannelHandlerContext ctx;
  private InboundBudget budget;
  private IncomingBody current; // the body arriving now; null between objects or while draining one
  private int inFlight;

  ObjectReceiver(ReceiveHandlers handlers, StreamCounters counters, Executor executor, String selfName,
      String senderId, StreamOptions options) {
    this.handlers = handlers;
    this.counters = counters;
    this.executor = executor;
    this.selfName = selfName;
    this.senderId = senderId;
    this.maxInFlight = options.maxInFlight();
    this.highWater = options.receiveHighWater();
    this.lowWater = options.receiveLowWater();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.budget = new InboundBudget(ctx.channel().eventLoop(), highWater, lowWater, this::updateAutoRead, counters);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (msg) {
      case ObjectFrameDecoder.ObjectStart start -> start(start);
      case ByteBuf slice -> {
        counters.bytesReceived.add(slice.readableBytes());
        if (current != null) {
          current.offer(slice);
        } else {
          slice.release(); // the body of an object refused at its header
        }
      }
      case ObjectFrameDecoder.BodyEnd end -> {
        if (current != null) {
          if (end == ObjectFrameDecoder.BodyEnd.COMPLETE) {
            current.complete();
          } else {
            current.fail("the sender's source failed");
          }
        }
        current = null;
      }
      default -> ReferenceCountUtil.release(msg);
    }
  }

  private void start(ObjectFrameDecoder.ObjectStart start) {
    if (inFlight >= maxInFlight) {
      throw Wire.malformed("more than " + maxInFlight + " objects in flight");
    }
    inFlight++;
    counters.objectsReceived.increment();
    HeaderCodec.Decoded decoded = start.header();
    ReceiveHandler handler = decoded.problem() == null ? handlers.get(decoded.trname()) : null;
    if (handler == null) {
      current = null;
      String message = decoded.problem() != null ? decoded.problem()
          : "no receive handler \"" + decoded.trname() + "\" on " + selfName;
      acknowledge(start.seq(), Ack.error(decoded.problem() != null ? ErrorCode.INVALID_ARGUMENT
          : ErrorCode.NOT_FOUND, message + " (object " + decoded.name() + ")"));
      return;
    }
    ObjectHeader header = decoded.header();
    String what = header.describe() + " from t[" + senderId + "]";
    IncomingBody body = start.headerOnly() ? IncomingBody.empty(budget, what)
        : new IncomingBody(budget, start.bodyLength(), what);
    current = start.headerOnly() ? null : body;
    InboundObject object = new InboundObject(senderId, header, start.headerOnly(), body);
    long seq = start.seq();
    try {
      executor.execute(() -> handle(handler, object, body, seq));
    } catch (RejectedExecutionException e) {
      // the node is shutting down: nobody will read this body
      body.discard();
      current = null;
      inFlight--;
      ctx.close();
    }
  }

  // the handler's virtual thread
  private void handle(ReceiveHandler handler, InboundObject object, IncomingBody body, long seq) {
    Ack ack;
    try {
      handler.receive(object);
      ack = Ack.OK;
    } catch (JaisException e) {
      ack = Ack.error(e.code(), e.getMessage());
    } catch (IOException e) {
      ack = Ack.error(ErrorCode.INTERNAL, e.getMessage());
    } catch (Throwable t) {
      log.warn("{}: receive handler \"{}\" failed on {}", selfName, object.header().trname(),
          object.header().describe(), t);
      ack = Ack.error(ErrorCode.INTERNAL, t.toString());
    }
    Ack result = ack;
    try {
      ctx.executor().execute(() -> {
        body.discard();
        acknowledge(seq, result);
      });
    } catch (RejectedExecutionException e) {
      body.discard(); // the node is shutting down: the connection is gone, no ack can go out
    }
  }

  private void acknowledge(long seq, Ack ack) {
    inFlight--;
    if (!ack.isOk()) {
      counters.errorAcksSent.increment();
    }
    if (!ctx.channel().isActive()) {
      return;
    }
    ByteBuf frame = ctx.alloc().buffer(Wire.ACK_PREFIX_BYTES + 64);
    frame.writeByte(Wire.ACK).writeLong(seq).writeByte(ack.isOk() ? Wire.STATUS_OK : Wire.STATUS_ERROR);
    StrictUtf8.writeU16(frame, ack.isOk() ? "" : ack.code().name(), Wire.MAX_ACK_CODE_BYTES);
    StrictUtf8.writeU16(frame, ack.message(), Wire.MAX_ACK_MESSAGE_BYTES);
    ctx.writeAndFlush(frame, ctx.voidPromise());
  }

  private void updateAutoRead() {
    boolean read = !budget.isPaused();
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      current.fail("connection closed");
      current = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (current != null && !budget.isPaused()) {
        log.warn("{}: closing the stream from t[{}] ({}): nothing arrived for a whole I/O timeout in the "
            + "middle of an object", selfName, senderId, ctx.channel().remoteAddress());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (reason instanceof JaisException e && e.code() == ErrorCode.MALFORMED_BODY) {
      counters.protocolErrors.increment();
      log.warn("{}: closing the stream from t[{}] ({}): {}", selfName, senderId, ctx.channel().remoteAddress(),
          e.getMessage());
    } else {
      log.debug("{}: stream from t[{}] failed", selfName, senderId, reason);
    }
    ctx.close();
  }
}
