package io.jais.node.storage;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * A pull-based stream of byte chunks, such as a request body arriving from the network. Pulling
 * is the back-pressure: the producer stops reading the socket while chunks are not taken.
 */
public interface ByteBufSource {
  /**
   * Blocks until the next chunk is available. The caller owns the returned buffer and must
   * release it.
   *
   * @return the next chunk, or {@code null} at the end of the stream
   * @throws IOException when the stream ends early (truncated body) or the peer is gone
   */
  ByteBuf next() throws IOException;

  /** The declared length of the whole stream, or -1 when unknown (chunked encoding). */
  long declaredLength();
}
