package io.jais.api.msgpack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal MessagePack decoder into plain Java values: maps ({@link LinkedHashMap} with string
 * keys), lists, strings, longs, doubles, booleans, byte arrays and null. Extension types are
 * skipped as byte arrays.
 */
public final class MsgpackReader {
  private final ByteBuffer in;

  public MsgpackReader(byte[] data) {
    this.in = ByteBuffer.wrap(data);
  }

  /** Decodes one value; throws IllegalArgumentException on malformed or truncated input. */
  public Object read() {
    try {
      return value();
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated msgpack input", e);
    }
  }

  private Object value() {
    int b = in.get() & 0xff;
    if (b <= 0x7f) {
      return (long) b;
    }
    if (b >= 0xe0) {
      return (long) (byte) b;
    }
    if ((b & 0xf0) == 0x80) {
      return map(b & 0x0f);
    }
    if ((b & 0xf0) == 0x90) {
      return array(b & 0x0f);
    }
    if ((b & 0xe0) == 0xa0) {
      return string(b & 0x1f);
    }
    return typed(b);
  }

  private Object typed(int b) {
    return switch (b) {
      case 0xc0 -> null;
      case 0xc2 -> false;
      case 0xc3 -> true;
      case 0xc4 -> bytes(in.get() & 0xff);
      case 0xc5 -> bytes(in.getShort() & 0xffff);
      case 0xc6 -> bytes(in.getInt());
      case 0xca -> (double) in.getFloat();
      case 0xcb -> in.getDouble();
      case 0xcc -> (long) (in.get() & 0xff);
      case 0xcd -> (long) (in.getShort() & 0xffff);
      case 0xce -> in.getInt() & 0xffffffffL;
      case 0xcf, 0xd3 -> in.getLong();
      case 0xd0 -> (long) in.get();
      case 0xd1 -> (long) in.getShort();
      case 0xd2 -> (long) in.getInt();
      case 0xd9 -> string(in.get() & 0xff);
      case 0xda -> string(in.getShort() & 0xffff);
      case 0xdb -> string(in.getInt());
      case 0xdc -> array(in.getShort() & 0xffff);
      case 0xdd -> array(in.getInt());
      case 0xde -> map(in.getShort() & 0xffff);
      case 0xdf -> map(in.getInt());
      case 0xd4 -> extension(1);
      case 0xd5 -> extension(2);
      case 0xd6 -> extension(4);
      case 0xd7 -> extension(8);
      case 0xd8 -> extension(16);
      case 0xc7 -> extension(in.get() & 0xff);
      case 0xc8 -> extension(in.getShort() & 0xffff);
      case 0xc9 -> extension(in.getInt());
      default -> throw new IllegalArgumentException("invalid msgpack type byte 0x" + Integer.toHexString(b));
    };
  }

  private Map<String, Object> map(int n) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Object key = value();
      map.put(String.valueOf(key), value());
    }
    return map;
  }

  private List<Object> array(int n) {
    List<Object> list = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      list.add(value());
    }
    return list;
  }

  private String string(int n) {
    return new String(bytes(n), StandardCharsets.UTF_8);
  }

  private byte[] bytes(int n) {
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("msgpack length " + n + " exceeds the input");
    }
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  private byte[] extension(int n) {
    in.get();
    return bytes(n);
  }
}
