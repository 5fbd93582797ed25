package io.jais.node.transport;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes that follow an {@link ObjectHeader} on a stream. {@link ObjectStreams#send} takes
 * ownership: it releases the buffer, or runs the file's release, exactly once, whether the
 * transfer succeeds or fails (a {@link Streamed} source is only read, never closed).
 *
 * <ul>
 *   <li>{@link #none()}: a header-only message, e.g. a delete notice; the handler sees {@link
 *       InboundObject#headerOnly()} and an empty body.
 *   <li>{@link #of(ByteBuf)}: bytes in memory, of known length.
 *   <li>{@link #ofFile}: a file range, sent zero-copy ({@code sendfile} on epoll, {@code
 *       transferTo} on NIO).
 *   <li>{@link #of(ByteBufSource)}: a stream pulled by the sending thread, of known or unknown
 *       ({@code -1}) length, sent in chunks; if the source fails midway the receiver's handler sees
 *       a failing body and the connection stays usable.
 * </ul>
 */
public sealed interface Body {
  /** The number of body bytes, or -1 when not known in advance (streamed). */
  long length();

  /** Gives up ownership without sending: the sender never got to write it. */
  void discard();

  static Body none() {
    return None.INSTANCE;
  }

  /** Bytes in memory; ownership passes to the transport. */
  static Body of(ByteBuf bytes) {
    return new Buffer(bytes);
  }

  /** A copy-free wrap of an array the caller must not change until the transfer completes. */
  static Body of(byte[] bytes) {
    return new Buffer(Unpooled.wrappedBuffer(bytes));
  }

  /**
   * {@code length} bytes of an open file from {@code position}, read positionally (the channel's
   * own position is never used, so a shared descriptor is fine); {@code release} runs once the
   * bytes are sent or the transfer failed.
   */
  static Body ofFile(FileChannel channel, long position, long length, Runnable release) {
    return new FileRange(channel, position, length, release);
  }

  /** A whole file, opened now and closed when sent. */
  static Body ofFile(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = channel.size();
      return new FileRange(channel, 0, size, () -> FileRange.closeQuietly(channel));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A stream pulled while sending; its {@code declaredLength()} (or -1) is the body length. */
  static Body of(ByteBufSource source) {
    return new Streamed(source);
  }

  /** No body at all. */
  enum None implements Body {
    INSTANCE;

    @Override
    public long length() {
      return 0;
    }

    @Override
    public void discard() {}
  }

  /** Bytes in memory. */
  record Buffer(ByteBuf bytes) implements Body {
    public Buffer {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long length() {
      return bytes.readableBytes();
    }

    @Override
    public void discard() {
      bytes.release();
    }
  }

  /** A range of an open file. */
  record FileRange(FileChannel channel, long position, long length, Runnable release) implements Body {
    private static final Logger log = LoggerFactory.getLogger(FileRange.class);

    public FileRange {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(release, "release");
      if (position < 0 || length < 0) {
        throw new IllegalArgumentException("position " + position + ", length " + length + " (expected: >= 0)");
      }
    }

    @Override
    public void discard() {
      release.run();
    }

    static void closeQuietly(FileChannel channel) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing a sent file failed", e);
      }
    }
  }

  /** A source pulled by the sending thread. */
  record Streamed(ByteBufSource source) implements Body {
    public Streamed {
      Objects.requireNonNull(source, "source");
    }

    @Override
    public long length() {
      return source.declaredLength();
    }

    @Override
    public void discard() {}
  }
}
