package io.jais.node.transport;

import io.jais.api.error.JaisException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the handshake (messages in {@link Wire}): sends HELLO with a fresh nonce,
 * checks the initiator's AUTH (magic, version, addressed to this node, timestamp within the
 * allowed skew, HMAC over our nonce), answers with its own proof, and only then replaces itself
 * with the object decoder. Anything else closes the connection with one log line, before a single
 * object byte is looked at; so does silence for {@code connectTimeout}.
 *
 * <p>Memory: AUTH is at most 593 bytes (its variable lengths are single bytes), and nothing is
 * allocated before all of it is there, so nothing here holds more whatever arrives.
 */
final class ServerHandshake extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(ServerHandshake.class);
  /** magic, version, nonce, millis, the two ID lengths. */
  private static final int AUTH_FIXED = 8 + 1 + Wire.NONCE_BYTES + 8 + 1;

  private final String selfId;
  private final String selfName;
  private final HandshakeMac mac;
  private final StreamOptions options;
  private final StreamCounters counters;
  private final ReceiverFactory receivers;
  private final byte[] nonce = HandshakeMac.nonce();
  private ScheduledFuture<?> timeout;
  private Phase phase = Phase.WAITING;

  private enum Phase {
    WAITING, ACCEPTED, REFUSED
  }

  /** Builds the object receiver once the initiator is known. */
  interface ReceiverFactory {
    ObjectReceiver create(String senderId);
  }

  ServerHandshake(String selfId, HandshakeMac mac, StreamOptions options, StreamCounters counters,
      ReceiverFactory receivers) {
    this.selfId = selfId;
    this.selfName = "t[" + selfId + "]";
    this.mac = mac;
    this.options = options;
    this.counters = counters;
    this.receivers = receivers;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ByteBuf hello = ctx.alloc().buffer(8 + 1 + 2 + 4 + Wire.NONCE_BYTES + 1 + Wire.MAX_ID_BYTES);
    hello.writeLong(Wire.MAGIC).writeByte(Wire.VERSION).writeShort(options.maxInFlight())
        .writeInt(options.maxHeaderBytes()).writeBytes(nonce);
    StrictUtf8.writeU8(hello, selfId);
    ctx.writeAndFlush(hello, ctx.voidPromise());
    timeout = ctx.executor().schedule(() -> refuse(ctx, "no handshake within " + options.connectTimeout().toMillis()
        + " ms"), options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (phase == Phase.WAITING) {
      decodeAuth(ctx, in);
    }
    // accepted: what follows AUTH goes on to the frame decoder; refused: dropped until the close
    if (phase == Phase.REFUSED) {
      in.skipBytes(in.readableBytes());
    }
  }

  private void decodeAuth(ChannelHandlerContext ctx, ByteBuf in) {
    int start = in.readerIndex();
    if (in.readableBytes() >= 9 && (in.getLong(start) != Wire.MAGIC || in.getUnsignedByte(start + 8) != Wire.VERSION)) {
      refuse(ctx, in.getLong(start) != Wire.MAGIC ? "not a JAIS stream client"
          : "protocol version " + in.getUnsignedByte(start + 8) + " (expected " + Wire.VERSION + ")");
      return;
    }
    if (in.readableBytes() < AUTH_FIXED) {
      return;
    }
    int initiatorIdLength = in.getUnsignedByte(start + AUTH_FIXED - 1);
    if (in.readableBytes() < AUTH_FIXED + initiatorIdLength + 1) {
      return;
    }
    int acceptorIdLength = in.getUnsignedByte(start + AUTH_FIXED + initiatorIdLength);
    int total = AUTH_FIXED + initiatorIdLength + 1 + acceptorIdLength + Wire.MAC_BYTES;
    if (in.readableBytes() < total) {
      return;
    }
    in.skipBytes(9);
    byte[] initiatorNonce = new byte[Wire.NONCE_BYTES];
    in.readBytes(initiatorNonce);
    long millis = in.readLong();
    in.skipBytes(1);
    StrictUtf8 utf8 = new StrictUtf8();
    String initiatorId;
    String acceptorId;
    try {
      initiatorId = utf8.read(in, initiatorIdLength, "initiator ID");
      in.skipBytes(1);
      acceptorId = utf8.read(in, acceptorIdLength, "acceptor ID");
    } catch (JaisException e) {
      refuse(ctx, e.getMessage());
      return;
    }
    byte[] proof = new byte[Wire.MAC_BYTES];
    in.readBytes(proof);
    String problem = check(initiatorId, acceptorId, millis, initiatorNonce, proof);
    if (problem != null) {
      refuse(ctx, problem + " (claims to be t[" + initiatorId + "])");
      return;
    }
    accept(ctx, initiatorId, initiatorNonce, millis);
  }

  private String check(String initiatorId, String acceptorId, long millis, byte[] initiatorNonce, byte[] proof) {
    if (initiatorId.isEmpty()) {
      return "empty initiator ID";
    }
    if (!acceptorId.equals(selfId)) {
      return "addressed to t[" + acceptorId + "]";
    }
    long skew = Math.abs(options.clock().millis() - millis);
    if (skew > options.maxClockSkew().toMillis()) {
      return "timestamp " + skew + " ms off (at most " + options.maxClockSkew().toMillis() + " ms)";
    }
    byte[] expected = mac.initiatorProof(nonce, initiatorNonce, initiatorId, selfId, millis);
    return HandshakeMac.matches(expected, proof) ? null : "wrong cluster secret";
  }

  private void accept(ChannelHandlerContext ctx, String initiatorId, byte[] initiatorNonce, long millis) {
    phase = Phase.ACCEPTED;
    timeout.cancel(false);
    ByteBuf answer = ctx.alloc().buffer(Wire.MAC_BYTES);
    answer.writeBytes(mac.acceptorProof(initiatorNonce, nonce, selfId, initiatorId, millis));
    ctx.writeAndFlush(answer, ctx.voidPromise());
    counters.connectionsAccepted.increment();
    log.debug("{}: stream from t[{}] ({}) accepted", selfName, initiatorId, ctx.channel().remoteAddress());
    ctx.pipeline().addAfter(ctx.name(), "frames", new ObjectFrameDecoder(options.maxHeaderBytes()));
    ctx.pipeline().addAfter("frames", "receiver", receivers.create(initiatorId));
    // anything the initiator sent after AUTH is passed on to the frame decoder as this one leaves
    ctx.pipeline().remove(this);
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    if (phase != Phase.WAITING) {
      return;
    }
    phase = Phase.REFUSED;
    if (timeout != null) {
      timeout.cancel(false);
    }
    counters.connectionsRefused.increment();
    log.warn("{}: stream connection from {} refused: {}", selfName, ctx.channel().remoteAddress(), reason);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (timeout != null) {
      timeout.cancel(false);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    refuse(ctx, cause.toString());
    ctx.close();
  }
}
