package io.jais.node.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A region of a file channel read as a stream by position (a shared descriptor must never have its position
 * moved), skipping by moving the position only. Remembers whether the file itself failed, so that
 * a decoder's error on top of it can be told apart from a disk error.
 */
public final class ChannelInput extends InputStream {
  private final FileChannel channel;
  private final long end;
  private long position;
  private volatile boolean diskFailed;

  ChannelInput(FileChannel channel, long size) {
    this(channel, 0, size);
  }

  /** The {@code length} bytes of {@code channel} from {@code offset}; closing the stream leaves the channel open. */
  public ChannelInput(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.end = offset + length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    long left = end - position;
    if (left <= 0) {
      return -1;
    }
    int n;
    try {
      n = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, left)), position);
    } catch (IOException e) {
      diskFailed = true;
      throw e;
    }
    if (n < 0) {
      return -1;
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  /** True when reading the file failed (a disk error, not a malformed archive). */
  boolean diskFailed() {
    return diskFailed;
  }
}
