package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.OpenedObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The parts of a multipart upload read back to back as one body, a slice at a time, so completing
 * an upload streams from the part files into the new object without holding it in memory.
 */
final class PartsSource implements ByteBufSource {
  private static final int SLICE = 256 << 10;

  private final StagedObjects staged;
  private final Bucket shadow;
  private final List<String> partNames;
  private final long totalSize;
  private int index;
  private OpenedObject current;
  private long position;

  PartsSource(StagedObjects staged, Bucket shadow, List<String> partNames, long totalSize) {
    this.staged = staged;
    this.shadow = shadow;
    this.partNames = partNames;
    this.totalSize = totalSize;
  }

  @Override
  public ByteBuf next() throws IOException {
    while (current == null || position >= current.meta().size()) {
      closeCurrent();
      if (index == partNames.size()) {
        return null;
      }
      current = staged.open(shadow, partNames.get(index++));
      position = 0;
    }
    int length = (int) Math.min(SLICE, current.meta().size() - position);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int read = current.channel().read(buffer, position + buffer.position());
      if (read < 0) {
        throw new IOException("part " + partNames.get(index - 1) + " is shorter than its metadata says");
      }
    }
    position += length;
    buffer.flip();
    return Unpooled.wrappedBuffer(buffer);
  }

  @Override
  public long declaredLength() {
    return totalSize;
  }

  void closeCurrent() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
