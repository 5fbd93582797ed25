package io.jais.node.transport;

import io.jais.api.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Reads the receiver's acks ({@link Wire}): each becomes an {@link AckFrame}. The code and the
 * message are bounded (64 and 4096 bytes), checked before they are waited for; anything else
 * closes the connection as malformed.
 */
final class AckDecoder extends ByteToMessageDecoder {
  /** One ack: the object's sequence number on the connection and the receiver's answer. */
  record AckFrame(long seq, Ack ack) {}

  private final StrictUtf8 utf8 = new StrictUtf8();

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.readableBytes() >= Wire.ACK_PREFIX_BYTES) {
      int start = in.readerIndex();
      byte type = in.getByte(start);
      byte status = in.getByte(start + 9);
      int codeLength = in.getUnsignedShort(start + 10);
      if (type != Wire.ACK || (status != Wire.STATUS_OK && status != Wire.STATUS_ERROR)) {
        throw Wire.malformed("unknown frame type " + type + " or ack status " + status);
      }
      if (codeLength > Wire.MAX_ACK_CODE_BYTES) {
        throw Wire.malformed("ack code of " + codeLength + " bytes");
      }
      int messageAt = start + Wire.ACK_PREFIX_BYTES + codeLength;
      if (in.writerIndex() < messageAt + 2) {
        return;
      }
      int messageLength = in.getUnsignedShort(messageAt);
      if (messageLength > Wire.MAX_ACK_MESSAGE_BYTES) {
        throw Wire.malformed("ack message of " + messageLength + " bytes");
      }
      if (in.writerIndex() < messageAt + 2 + messageLength) {
        return;
      }
      in.skipBytes(1);
      long seq = in.readLong();
      in.skipBytes(1 + 2);
      String code = utf8.read(in, codeLength, "ack code");
      in.skipBytes(2);
      String message = utf8.read(in, messageLength, "ack message");
      out.add(new AckFrame(seq, status == Wire.STATUS_OK ? Ack.OK : Ack.error(errorCode(code), message)));
    }
  }

  // a code this node does not know (a newer peer) still fails the object, as INTERNAL
  private static ErrorCode errorCode(String name) {
    try {
      return ErrorCode.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ErrorCode.INTERNAL;
    }
  }
}
