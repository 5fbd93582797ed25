package io.jais.node.s3;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;

/**
 * A pull-based body as an {@link InputStream}, holding at most one network chunk: reading is what
 * pulls the next chunk, so the back-pressure of the source is kept. Remembers whether the source
 * failed, so a relay can tell a truncated client body from a failing peer.
 */
final class BodyInputStream extends InputStream {
  private final ByteBufSource source;
  private ByteBuf current;
  private boolean ended;
  private IOException failure;

  BodyInputStream(ByteBufSource source) {
    this.source = source;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (current == null || !current.isReadable()) {
      release();
      if (ended) {
        return -1;
      }
      try {
        current = source.next();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (current == null) {
        ended = true;
        return -1;
      }
    }
    int n = Math.min(length, current.readableBytes());
    current.readBytes(buffer, offset, n);
    return n;
  }

  /** The source's failure, or null when it has not failed. */
  IOException failure() {
    return failure;
  }

  private void release() {
    if (current != null) {
      current.release();
      current = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
