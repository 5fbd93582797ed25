package io.jais.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits what an authenticated sender writes into objects: for each, an {@link ObjectStart}, the
 * body as slices of the socket reads (no copies), and an {@link BodyEnd}. Anything that breaks the
 * framing (an unknown frame type or flag, a header over the limit, lengths that contradict each
 * other, broken UTF-8) throws {@link Wire#malformed}, and the connection is closed: after such a
 * frame nothing on the connection can be trusted to start where it seems to.
 *
 * <p>Memory: a header is decoded only once all of it has arrived and it is at most {@code
 * maxHeaderBytes}, which is checked before it is waited for; body bytes are passed on as they
 * come. So this holds at most one header plus one socket read.
 */
final class ObjectFrameDecoder extends ByteToMessageDecoder {
  /** The start of one object; its body pieces and a {@link BodyEnd} follow. */
  record ObjectStart(long seq, boolean headerOnly, boolean chunked, long bodyLength, HeaderCodec.Decoded header) {}

  /** How a body ended on the wire. */
  enum BodyEnd {
    COMPLETE,
    /** The sender's source failed midway (chunked bodies only). */
    ABORTED
  }

  private enum State {
    PREFIX, HEADER, RAW_BODY, CHUNK_LENGTH, CHUNK,
    /** After a malformed frame: everything is dropped until the connection is closed. */
    BROKEN
  }

  private final int maxHeaderBytes;
  private final StrictUtf8 utf8 = new StrictUtf8();
  private State state = State.PREFIX;
  private long seq;
  private int flags;
  private long bodyLength;
  private int headerLength;
  private long remaining;
  private long chunkedTotal;
  private long lastSeq;

  ObjectFrameDecoder(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    try {
      decodeFrames(in, out);
    } catch (RuntimeException e) {
      state = State.BROKEN;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private void decodeFrames(ByteBuf in, List<Object> out) {
    while (true) {
      switch (state) {
        case BROKEN -> {
          in.skipBytes(in.readableBytes());
          return;
        }
        case PREFIX -> {
          if (in.readableBytes() < Wire.OBJECT_PREFIX_BYTES) {
            return;
          }
          readPrefix(in);
          state = State.HEADER;
        }
        case HEADER -> {
          if (in.readableBytes() < headerLength) {
            return;
          }
          HeaderCodec.Decoded header = HeaderCodec.decode(in, headerLength, utf8);
          boolean headerOnly = (flags & Wire.FLAG_HEADER_ONLY) != 0;
          boolean chunked = (flags & Wire.FLAG_CHUNKED) != 0;
          out.add(new ObjectStart(seq, headerOnly, chunked, bodyLength, header));
          if (chunked) {
            chunkedTotal = 0;
            state = State.CHUNK_LENGTH;
          } else if (bodyLength == 0) {
            out.add(BodyEnd.COMPLETE);
            state = State.PREFIX;
          } else {
            remaining = bodyLength;
            state = State.RAW_BODY;
          }
        }
        case RAW_BODY, CHUNK -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          if (n == 0) {
            return;
          }
          out.add(in.readRetainedSlice(n));
          remaining -= n;
          if (remaining == 0) {
            if (state == State.RAW_BODY) {
              out.add(BodyEnd.COMPLETE);
              state = State.PREFIX;
            } else {
              state = State.CHUNK_LENGTH;
            }
          }
        }
        case CHUNK_LENGTH -> {
          if (in.readableBytes() < 4) {
            return;
          }
          int length = in.readInt();
          if (length == Wire.CHUNK_END || length == Wire.CHUNK_ABORT) {
            out.add(length == Wire.CHUNK_END ? BodyEnd.COMPLETE : BodyEnd.ABORTED);
            state = State.PREFIX;
          } else if (length < 0 || length > Wire.MAX_CHUNK_BYTES) {
            throw Wire.malformed("chunk of " + Integer.toUnsignedString(length) + " bytes (at most "
                + Wire.MAX_CHUNK_BYTES + ")");
          } else {
            chunkedTotal += length;
            if (bodyLength >= 0 && chunkedTotal > bodyLength) {
              throw Wire.malformed("chunks exceed the declared body length " + bodyLength);
            }
            remaining = length;
            state = State.CHUNK;
          }
        }
      }
    }
  }

  private void readPrefix(ByteBuf in) {
    byte type = in.readByte();
    if (type != Wire.OBJECT) {
      throw Wire.malformed("unknown frame type " + type);
    }
    flags = in.readUnsignedByte();
    seq = in.readLong();
    bodyLength = in.readLong();
    headerLength = in.readInt();
    if ((flags & ~Wire.KNOWN_FLAGS) != 0 || flags == Wire.KNOWN_FLAGS) {
      throw Wire.malformed("unknown flags " + Integer.toBinaryString(flags));
    }
    if (seq != lastSeq + 1) {
      throw Wire.malformed("object " + seq + " after object " + lastSeq);
    }
    lastSeq = seq;
    if (headerLength < 0 || headerLength > maxHeaderBytes) {
      throw Wire.malformed("header of " + Integer.toUnsignedString(headerLength) + " bytes (at most "
          + maxHeaderBytes + ")");
    }
    boolean valid = (flags & Wire.FLAG_HEADER_ONLY) != 0 ? bodyLength == 0
        : (flags & Wire.FLAG_CHUNKED) != 0 ? bodyLength >= -1 : bodyLength >= 0;
    if (!valid) {
      throw Wire.malformed("body length " + bodyLength + " with flags " + Integer.toBinaryString(flags));
    }
  }
}
