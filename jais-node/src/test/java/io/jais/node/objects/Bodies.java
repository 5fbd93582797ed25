package io.jais.node.objects;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/** Request-like bodies for the service tests. */
final class Bodies {
  private Bodies() {}

  /** The bytes in chunks of at most 4 KiB, declaring their length. */
  static ByteBufSource of(byte[] data) {
    return new ByteBufSource() {
      private int offset;

      @Override
      public ByteBuf next() {
        if (offset == data.length) {
          return null;
        }
        int end = Math.min(data.length, offset + 4096);
        ByteBuf chunk = Unpooled.wrappedBuffer(Arrays.copyOfRange(data, offset, end));
        offset = end;
        return chunk;
      }

      @Override
      public long declaredLength() {
        return data.length;
      }
    };
  }

  /** An open file's bytes from position 0 to {@code size}, as a peer's response body would arrive. */
  static ByteBufSource of(FileChannel channel, long size) {
    return new ByteBufSource() {
      private long position;

      @Override
      public ByteBuf next() throws IOException {
        if (position == size) {
          return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(8192, size - position));
        int read = channel.read(buffer, position);
        if (read < 0) {
          throw new java.io.EOFException("file ended at " + position + " of " + size);
        }
        position += read;
        buffer.flip();
        return Unpooled.wrappedBuffer(buffer);
      }

      @Override
      public long declaredLength() {
        return -1;
      }
    };
  }

  /** Reads the whole object the service opened, then gives the descriptor back. */
  static byte[] readAll(ObjectRead read) throws IOException {
    try (read) {
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(read.meta().size()));
      while (buffer.hasRemaining()) {
        if (read.channel().read(buffer, buffer.position()) < 0) {
          break;
        }
      }
      return buffer.array();
    }
  }
}
