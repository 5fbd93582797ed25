package io.jais.node.objects;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blocking stream (a peer's response body) as a {@link ByteBufSource}. One buffer is reused for
 * every chunk: the store writes and releases each chunk before it asks for the next.
 */
final class InputStreamSource implements ByteBufSource {
  private static final int CHUNK = 64 << 10;

  private final InputStream in;
  private final long declaredLength;
  private final byte[] buffer = new byte[CHUNK];

  InputStreamSource(InputStream in, long declaredLength) {
    this.in = in;
    this.declaredLength = declaredLength;
  }

  @Override
  public ByteBuf next() throws IOException {
    int read = in.readNBytes(buffer, 0, buffer.length);
    return read == 0 ? null : Unpooled.wrappedBuffer(buffer, 0, read);
  }

  @Override
  public long declaredLength() {
    return declaredLength;
  }
}
