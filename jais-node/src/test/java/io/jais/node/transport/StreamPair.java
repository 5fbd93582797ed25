package io.jais.node.transport;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Two nodes' streams on loopback, "sender" and "receiver", sharing a secret. */
final class StreamPair implements AutoCloseable {
  static final byte[] SECRET = "stream-test-secret".getBytes(StandardCharsets.UTF_8);

  final ObjectStreams sender;
  final ObjectStreams receiver;
  final Peer peer;

  private StreamPair(ObjectStreams sender, ObjectStreams receiver) {
    this.sender = sender;
    this.receiver = receiver;
    this.peer = new Peer(receiver.selfId(), "127.0.0.1", receiver.port());
  }

  static StreamPair start(StreamOptions options) throws Exception {
    ObjectStreams receiver = ObjectStreams.start("127.0.0.1", 0, "receiver", SECRET, options);
    try {
      return new StreamPair(ObjectStreams.start("127.0.0.1", 0, "sender", SECRET, options), receiver);
    } catch (Exception e) {
      receiver.close();
      throw e;
    }
  }

  /** Reads a whole body into an array, releasing every buffer. */
  static byte[] readAll(ByteBufSource body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf chunk; (chunk = body.next()) != null; ) {
      try {
        chunk.readBytes(out, chunk.readableBytes());
      } finally {
        chunk.release();
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    sender.close();
    receiver.close();
  }
}
