package io.jais.node.storage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A request body over byte[] chunks; can end with an I/O error to play a truncated upload. */
final class ChunkedBody implements ByteBufSource {
  private final List<byte[]> chunks;
  private final long declaredLength;
  private final boolean truncated;
  private int perBatch = 1;
  private final List<ByteBuf> handedOut = new ArrayList<>();
  private int next;

  private ChunkedBody(List<byte[]> chunks, long declaredLength, boolean truncated) {
    this.chunks = chunks;
    this.declaredLength = declaredLength;
    this.truncated = truncated;
  }

  static ChunkedBody of(byte[] data) {
    return of(data, 7);
  }

  /** Splits data into chunks of at most chunkSize bytes (at least one chunk, maybe empty). */
  static ChunkedBody of(byte[] data, int chunkSize) {
    List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < data.length; i += chunkSize) {
      chunks.add(Arrays.copyOfRange(data, i, Math.min(data.length, i + chunkSize)));
    }
    return new ChunkedBody(chunks, data.length, false);
  }

  /**
   * As {@link #of(byte[], int)}, handed out like a request body that had several socket reads
   * queued: composites of {@code perBatch} chunks, alternately direct and heap.
   */
  static ChunkedBody batched(byte[] data, int chunkSize, int perBatch) {
    ChunkedBody body = of(data, chunkSize);
    body.perBatch = perBatch;
    return body;
  }

  /** Delivers the first half of data and then fails, declaring the full length. */
  static ChunkedBody truncated(byte[] data) {
    ChunkedBody whole = of(Arrays.copyOf(data, data.length / 2), 5);
    return new ChunkedBody(whole.chunks, data.length, true);
  }

  @Override
  public ByteBuf next() throws IOException {
    if (next < chunks.size() && perBatch > 1) {
      CompositeByteBuf batch = Unpooled.compositeBuffer(perBatch);
      for (int i = 0; i < perBatch && next < chunks.size(); i++, next++) {
        byte[] chunk = chunks.get(next);
        ByteBuf part = next % 2 == 0
            ? Unpooled.directBuffer(chunk.length).writeBytes(chunk)
            : Unpooled.wrappedBuffer(chunk);
        handedOut.add(part);
        batch.addComponent(true, part);
      }
      handedOut.add(batch);
      return batch;
    }
    if (next < chunks.size()) {
      ByteBuf buf = Unpooled.wrappedBuffer(chunks.get(next++));
      handedOut.add(buf);
      return buf;
    }
    if (truncated) {
      throw new EOFException("connection closed mid-body");
    }
    return null;
  }

  @Override
  public long declaredLength() {
    return declaredLength;
  }

  /** True when every buffer handed out was released by the consumer. */
  boolean allReleased() {
    return handedOut.stream().allMatch(buf -> buf.refCnt() == 0);
  }
}
