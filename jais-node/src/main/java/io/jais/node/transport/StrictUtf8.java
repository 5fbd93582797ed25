package io.jais.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Length-prefixed UTF-8 strings on the wire. Decoding refuses malformed input instead of
 * replacing it: a name that does not survive a round trip must not reach a handler. One instance
 * per connection (the decoder is stateful), used on its event loop only.
 */
final class StrictUtf8 {
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Reads {@code length} bytes as a string; pure ASCII (the common case) without the decoder. */
  String read(ByteBuf in, int length, String field) {
    int start = in.readerIndex();
    String value;
    if (in.forEachByte(start, length, b -> b >= 0) == -1) {
      value = in.toString(start, length, StandardCharsets.US_ASCII);
    } else {
      try {
        value = decoder.reset().decode(in.nioBuffer(start, length)).toString();
      } catch (CharacterCodingException e) {
        throw Wire.malformed(field + " is not valid UTF-8");
      }
    }
    in.skipBytes(length);
    return value;
  }

  /** Reads a string behind a u32 length; it must end at or before reader index {@code end}. */
  String readU32(ByteBuf in, int end, String field) {
    if (end - in.readerIndex() < 4) {
      throw Wire.malformed("header ends inside " + field);
    }
    int length = in.readInt();
    if (length < 0 || length > end - in.readerIndex()) {
      throw Wire.malformed(field + " length " + Integer.toUnsignedString(length) + " runs past the header");
    }
    return read(in, length, field);
  }

  /** Writes a u32 length and the UTF-8 bytes. */
  static void writeU32(ByteBuf out, CharSequence value) {
    int at = out.writerIndex();
    out.writeInt(0);
    int written = ByteBufUtil.writeUtf8(out, value);
    out.setInt(at, written);
  }

  /** Writes a u8 length and the UTF-8 bytes of a node ID (at most 255 bytes). */
  static void writeU8(ByteBuf out, String value) {
    int length = ByteBufUtil.utf8Bytes(value);
    if (length > Wire.MAX_ID_BYTES) {
      throw new IllegalArgumentException("node ID longer than " + Wire.MAX_ID_BYTES + " bytes: " + value);
    }
    out.writeByte(length);
    ByteBufUtil.writeUtf8(out, value);
  }

  /** Writes a u16 length and at most {@code max} bytes of the value (cut at a character boundary). */
  static void writeU16(ByteBuf out, String value, int max) {
    String cut = truncate(value, max);
    out.writeShort(ByteBufUtil.utf8Bytes(cut));
    ByteBufUtil.writeUtf8(out, cut);
  }

  /** The longest prefix of whole characters that takes at most {@code maxBytes} in UTF-8. */
  static String truncate(String value, int maxBytes) {
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > maxBytes) {
        return value.substring(0, i);
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return value;
  }
}
