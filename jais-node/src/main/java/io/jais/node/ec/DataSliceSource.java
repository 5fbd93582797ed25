package io.jais.node.ec;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An object's bytes read back from its D data slices, in order, each from offset 0, up to the
 * object's size (the padding of the last slices is left out): the body a rebuilt object is stored
 * from. Opens one slice file at a time; {@link #close} closes the open one.
 */
final class DataSliceSource implements ByteBufSource, AutoCloseable {
  private static final int CHUNK = 256 * 1024;

  private final List<Path> dataSlices;
  private final long sliceSize;
  private final long objectSize;
  private long emitted;
  private int current = -1;
  private FileChannel channel;

  DataSliceSource(List<Path> dataSlices, long sliceSize, long objectSize) {
    this.dataSlices = dataSlices;
    this.sliceSize = sliceSize;
    this.objectSize = objectSize;
  }

  @Override
  public ByteBuf next() throws IOException {
    if (emitted >= objectSize) {
      return null;
    }
    int slice = (int) (emitted / sliceSize);
    long offset = emitted - slice * sliceSize;
    if (slice != current) {
      close();
      channel = FileChannel.open(dataSlices.get(slice), StandardOpenOption.READ);
      current = slice;
    }
    int n = (int) Math.min(CHUNK, Math.min(sliceSize - offset, objectSize - emitted));
    ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(n);
    try {
      SliceEncoder.readFully(channel, chunk.nioBuffer(0, n), offset);
      chunk.writerIndex(n);
    } catch (IOException | RuntimeException e) {
      chunk.release();
      throw e;
    }
    emitted += n;
    return chunk;
  }

  @Override
  public long declaredLength() {
    return objectSize;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
