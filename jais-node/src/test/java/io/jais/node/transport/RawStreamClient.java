package io.jais.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A stream client on a plain blocking socket that writes whatever a test wants after (or instead
 * of) a correct handshake: the way to send a receiver frames the real sender never would.
 */
final class RawStreamClient implements AutoCloseable {
  final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  private RawStreamClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
    socket.setSoTimeout(30_000);
  }

  /** A connection without any handshake yet. */
  static RawStreamClient open(int port) throws IOException {
    return new RawStreamClient(new Socket("127.0.0.1", port));
  }

  /** A connection that completed the handshake as {@code selfId} with the given secret. */
  static RawStreamClient authenticated(int port, String selfId, String peerId, byte[] secret) throws IOException {
    RawStreamClient client = open(port);
    client.handshake(selfId, peerId, secret, Clock.systemUTC().millis());
    return client;
  }

  /** Reads HELLO, sends AUTH; returns false when the peer closed instead of answering ACCEPT. */
  boolean handshake(String selfId, String peerId, byte[] secret, long millis) throws IOException {
    if (in.readLong() != Wire.MAGIC || in.readUnsignedByte() != Wire.VERSION) {
      throw new IOException("not a stream HELLO");
    }
    in.readUnsignedShort();
    in.readInt();
    byte[] peerNonce = in.readNBytes(Wire.NONCE_BYTES);
    byte[] id = in.readNBytes(in.readUnsignedByte());
    if (!new String(id, StandardCharsets.UTF_8).equals(peerId)) {
      throw new IOException("HELLO from " + new String(id, StandardCharsets.UTF_8));
    }
    byte[] nonce = HandshakeMac.nonce();
    HandshakeMac mac = new HandshakeMac(secret);
    out.writeLong(Wire.MAGIC);
    out.writeByte(Wire.VERSION);
    out.write(nonce);
    out.writeLong(millis);
    byte[] self = selfId.getBytes(StandardCharsets.UTF_8);
    out.writeByte(self.length);
    out.write(self);
    out.writeByte(id.length);
    out.write(id);
    out.write(mac.initiatorProof(peerNonce, nonce, selfId, peerId, millis));
    out.flush();
    byte[] proof = in.readNBytes(Wire.MAC_BYTES);
    if (proof.length < Wire.MAC_BYTES) {
      return false;
    }
    if (!HandshakeMac.matches(mac.acceptorProof(nonce, peerNonce, peerId, selfId, millis), proof)) {
      throw new IOException("the acceptor's proof is wrong");
    }
    return true;
  }

  /** The encoded header of {@code h}. */
  static byte[] header(ObjectHeader h) {
    ByteBuf buf = Unpooled.buffer();
    HeaderCodec.encode(h, buf);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    return bytes;
  }

  /** Writes an OBJECT prefix and the header bytes as given (lengths may lie on purpose). */
  void objectFrame(long seq, int flags, long bodyLength, int headerLength, byte[] header) throws IOException {
    out.writeByte(Wire.OBJECT);
    out.writeByte(flags);
    out.writeLong(seq);
    out.writeLong(bodyLength);
    out.writeInt(headerLength);
    out.write(header);
    out.flush();
  }

  /** One ack: seq, then the code ("" when OK) and the message. */
  record RawAck(long seq, String code, String message) {}

  RawAck readAck() throws IOException {
    if (in.readByte() != Wire.ACK) {
      throw new IOException("not an ack");
    }
    long seq = in.readLong();
    in.readByte();
    String code = new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
    String message = new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
    return new RawAck(seq, code, message);
  }

  /** True once the peer has closed the connection (EOF or reset) within the socket timeout. */
  boolean closedByPeer() throws IOException {
    try {
      while (in.read() >= 0) {
        // drain whatever was still on its way
      }
      return true;
    } catch (SocketException e) {
      return true; // reset
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
