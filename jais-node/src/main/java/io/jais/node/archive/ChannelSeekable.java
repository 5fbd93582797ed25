package io.jais.node.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only view of a file channel with a position of its own (the ZIP reader seeks to the
 * central directory and to each member), so the underlying, possibly shared, descriptor's
 * position is never moved. Closing the view leaves the channel open: its owner closes it.
 */
final class ChannelSeekable implements SeekableByteChannel {
  private final FileChannel channel;
  private final long size;
  private long position;
  private boolean open = true;

  ChannelSeekable(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (position >= size) {
      return -1;
    }
    int limit = dst.limit();
    long room = size - position;
    if (dst.remaining() > room) {
      dst.limit(dst.position() + (int) room);
    }
    try {
      int n = channel.read(dst, position);
      if (n > 0) {
        position += n;
      }
      return n;
    } finally {
      dst.limit(limit);
    }
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
