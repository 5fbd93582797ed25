package io.jais.node.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The body of a streamed response: buffers writes into pooled chunks and sends each full chunk,
 * parking the writing virtual thread while the client reads slower than it is written. With a
 * declared length, exactly that many bytes must be written.
 */
final class ChannelOutputStream extends OutputStream {
  static final int CHUNK_SIZE = 64 * 1024;

  private final ChannelHandlerContext ctx;
  private final WritabilityGate gate;
  private final long declaredLength;
  private ByteBuf buffer;
  private long written;
  private volatile Throwable writeFailure;
  private boolean finished;

  ChannelOutputStream(ChannelHandlerContext ctx, WritabilityGate gate, long declaredLength) {
    this.ctx = ctx;
    this.gate = gate;
    this.declaredLength = declaredLength;
  }

  @Override
  public void write(int b) throws IOException {
    if (buffer != null
        && buffer.writableBytes() > 1
        && declaredLength < 0
        && writeFailure == null) {
      buffer.writeByte(b); // the common case: no array, no checks beyond these
      written++;
      return;
    }
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkOpen();
    if (declaredLength >= 0 && written + length > declaredLength) {
      throw new IOException("stream body longer than its Content-Length " + declaredLength);
    }
    written += length;
    while (length > 0) {
      if (buffer == null) {
        buffer = ctx.alloc().buffer(CHUNK_SIZE);
      }
      int n = Math.min(length, buffer.writableBytes());
      buffer.writeBytes(bytes, offset, n);
      offset += n;
      length -= n;
      if (!buffer.isWritable()) {
        send();
      }
    }
  }

  /** Sends what is buffered now rather than when the chunk is full. */
  @Override
  public void flush() throws IOException {
    checkOpen();
    if (buffer != null && buffer.isReadable()) {
      send();
    }
  }

  /** The producer may close; the response ends only in {@link #finish()}. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      flush();
    }
  }

  /** Body bytes written so far. */
  long written() {
    return written;
  }

  /** Sends the rest and the end of the body; the returned future completes when it is written. */
  ChannelFuture finish() throws IOException {
    flush();
    if (declaredLength >= 0 && written != declaredLength) {
      throw new IOException(
          "stream body ended after " + written + " of its Content-Length " + declaredLength);
    }
    finished = true;
    return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
  }

  /** Frees an unsent chunk after a failure. */
  void abandon() {
    finished = true;
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  private void send() throws IOException {
    ByteBuf chunk = buffer;
    buffer = null;
    try {
      gate.awaitWritable();
    } catch (IOException e) {
      chunk.release();
      throw e;
    }
    ctx.writeAndFlush(new DefaultHttpContent(chunk))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                writeFailure = f.cause();
              }
            });
  }

  private void checkOpen() throws IOException {
    if (finished) {
      throw new IOException("stream body already finished");
    }
    Throwable failure = writeFailure;
    if (failure != null) {
      throw new IOException("sending the response body failed: " + failure.getMessage(), failure);
    }
  }
}
