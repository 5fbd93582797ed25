package io.jais.node.archive;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream of unknown length as the body of a write: one buffer reused for every chunk (the store
 * writes and releases each chunk before it asks for the next).
 */
final class StreamSource implements ByteBufSource {
  private static final int CHUNK = 64 << 10;

  private final InputStream in;
  private final byte[] buffer = new byte[CHUNK];

  StreamSource(InputStream in) {
    this.in = in;
  }

  @Override
  public ByteBuf next() throws IOException {
    int read = in.readNBytes(buffer, 0, buffer.length);
    return read == 0 ? null : Unpooled.wrappedBuffer(buffer, 0, read);
  }

  @Override
  public long declaredLength() {
    return -1;
  }
}
