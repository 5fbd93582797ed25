package io.jais.node.transport;

import io.jais.api.error.JaisException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The initiating side of the handshake (messages in {@link Wire}): reads HELLO, checks that the
 * node that answered is the peer meant, proves the cluster secret over the peer's nonce, and
 * checks the peer's proof over its own nonce before a single object is written. Then it gives its
 * place to the ack decoder and completes {@link #result()} with the limits the peer advertised.
 */
final class ClientHandshake extends ByteToMessageDecoder {
  /** What the two ends agreed on: the in-flight window and the peer's header limit. */
  record Negotiated(int maxInFlight, int maxHeaderBytes) {}

  /** magic, version, maxInFlight, maxHeaderBytes, nonce, ID length. */
  private static final int HELLO_FIXED = 8 + 1 + 2 + 4 + Wire.NONCE_BYTES + 1;

  private final Peer peer;
  private final String selfId;
  private final HandshakeMac mac;
  private final StreamOptions options;
  private final CompletableFuture<Negotiated> result = new CompletableFuture<>();
  private final byte[] nonce = HandshakeMac.nonce();
  private byte[] peerNonce;
  private long millis;
  private Negotiated negotiated;

  ClientHandshake(Peer peer, String selfId, HandshakeMac mac, StreamOptions options) {
    this.peer = peer;
    this.selfId = selfId;
    this.mac = mac;
    this.options = options;
  }

  /** Completes on the event loop once the peer is authenticated; fails with an IOException. */
  CompletableFuture<Negotiated> result() {
    return result;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (result.isDone()) {
      in.skipBytes(in.readableBytes());
    } else if (peerNonce == null) {
      readHello(ctx, in);
    } else if (in.readableBytes() >= Wire.MAC_BYTES) {
      readAccept(ctx, in);
    }
  }

  private void readHello(ChannelHandlerContext ctx, ByteBuf in) {
    int start = in.readerIndex();
    if (in.readableBytes() >= 9 && (in.getLong(start) != Wire.MAGIC || in.getUnsignedByte(start + 8) != Wire.VERSION)) {
      fail(ctx, in.getLong(start) != Wire.MAGIC ? "not a JAIS stream port"
          : "the peer speaks stream protocol version " + in.getUnsignedByte(start + 8) + ", this node "
              + Wire.VERSION);
      return;
    }
    if (in.readableBytes() < HELLO_FIXED || in.readableBytes() < HELLO_FIXED + in.getUnsignedByte(start + HELLO_FIXED - 1)) {
      return;
    }
    in.skipBytes(9);
    int peerWindow = in.readUnsignedShort();
    int peerMaxHeader = in.readInt();
    byte[] helloNonce = new byte[Wire.NONCE_BYTES];
    in.readBytes(helloNonce);
    int idLength = in.readUnsignedByte();
    String peerId;
    try {
      peerId = new StrictUtf8().read(in, idLength, "peer ID");
    } catch (JaisException e) {
      fail(ctx, e.getMessage());
      return;
    }
    if (!peerId.equals(peer.id())) {
      fail(ctx, "reached t[" + peerId + "] instead");
      return;
    }
    if (peerWindow < 1 || peerMaxHeader < 1024) {
      fail(ctx, "the peer advertised " + peerWindow + " objects in flight and " + peerMaxHeader + "-byte headers");
      return;
    }
    peerNonce = helloNonce;
    negotiated = new Negotiated(Math.min(peerWindow, options.maxInFlight()), peerMaxHeader);
    millis = options.clock().millis();
    ByteBuf auth = ctx.alloc().buffer(8 + 1 + Wire.NONCE_BYTES + 8 + 2 + 2 * Wire.MAX_ID_BYTES + Wire.MAC_BYTES);
    auth.writeLong(Wire.MAGIC).writeByte(Wire.VERSION).writeBytes(nonce).writeLong(millis);
    StrictUtf8.writeU8(auth, selfId);
    StrictUtf8.writeU8(auth, peer.id());
    auth.writeBytes(mac.initiatorProof(peerNonce, nonce, selfId, peer.id(), millis));
    ctx.writeAndFlush(auth, ctx.voidPromise());
  }

  private void readAccept(ChannelHandlerContext ctx, ByteBuf in) {
    byte[] proof = new byte[Wire.MAC_BYTES];
    in.readBytes(proof);
    if (!HandshakeMac.matches(mac.acceptorProof(nonce, peerNonce, peer.id(), selfId, millis), proof)) {
      fail(ctx, "the peer could not prove the cluster secret");
      return;
    }
    ctx.pipeline().addAfter(ctx.name(), "acks", new AckDecoder());
    ctx.pipeline().remove(this);
    result.complete(negotiated);
  }

  private void fail(ChannelHandlerContext ctx, String reason) {
    result.completeExceptionally(new IOException("handshake with " + peer + " failed: " + reason));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    result.completeExceptionally(new IOException("handshake with " + peer + " failed: the peer closed the "
        + "connection (a wrong cluster secret, a clock off by more than " + options.maxClockSkew().toSeconds()
        + " s, or not a JAIS stream port)"));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause.toString());
  }
}
