package io.jais.api.msgpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal MessagePack encoder for the few documents AIS sends as msgpack (list-objects pages).
 * Strings are always the msgpack {@code str} family, which the SDK's msgspec decoder requires.
 * Not thread-safe.
 */
public final class MsgpackWriter {
  private byte[] buf;
  private int size;

  public MsgpackWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public MsgpackWriter mapHeader(int entries) {
    if (entries < 16) {
      return put(0x80 | entries);
    }
    return entries < 65536 ? put(0xde).putShort(entries) : put(0xdf).putInt(entries);
  }

  public MsgpackWriter arrayHeader(int entries) {
    if (entries < 16) {
      return put(0x90 | entries);
    }
    return entries < 65536 ? put(0xdc).putShort(entries) : put(0xdd).putInt(entries);
  }

  public MsgpackWriter nil() {
    return put(0xc0);
  }

  public MsgpackWriter bool(boolean value) {
    return put(value ? 0xc3 : 0xc2);
  }

  public MsgpackWriter string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int n = utf8.length;
    if (n < 32) {
      put(0xa0 | n);
    } else if (n < 256) {
      put(0xd9).put(n);
    } else if (n < 65536) {
      put(0xda).putShort(n);
    } else {
      put(0xdb).putInt(n);
    }
    ensure(n);
    System.arraycopy(utf8, 0, buf, size, n);
    size += n;
    return this;
  }

  /** Writes an integer in the smallest encoding; negative values use the signed family. */
  public MsgpackWriter integer(long value) {
    if (value >= 0) {
      if (value < 128) {
        return put((int) value);
      }
      if (value < 256) {
        return put(0xcc).put((int) value);
      }
      if (value < 65536) {
        return put(0xcd).putShort((int) value);
      }
      if (value < (1L << 32)) {
        return put(0xce).putInt((int) value);
      }
      return put(0xcf).putLong(value);
    }
    if (value >= -32) {
      return put((int) value & 0xff);
    }
    if (value >= Integer.MIN_VALUE) {
      return put(0xd2).putInt((int) value);
    }
    return put(0xd3).putLong(value);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public int size() {
    return size;
  }

  private MsgpackWriter put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  private MsgpackWriter putShort(int v) {
    return put(v >>> 8).put(v);
  }

  private MsgpackWriter putInt(int v) {
    return put(v >>> 24).put(v >>> 16).put(v >>> 8).put(v);
  }

  private MsgpackWriter putLong(long v) {
    return putInt((int) (v >>> 32)).putInt((int) v);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
