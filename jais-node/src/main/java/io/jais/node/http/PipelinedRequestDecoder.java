package io.jais.node.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;

/**
 * Decodes requests only as fast as the connection answers them. Turning auto-read off stops socket
 * reads, not decoding: one read (up to 1 MiB) can hold hundreds of pipelined requests, and a
 * decoder that parses them all ahead of their answers has to hold them all, or refuse them. So
 * while {@link #pause() paused} this decoder leaves the bytes it was given undecoded, and {@link
 * #resume()} decodes on from where it stopped. Event loop only.
 */
final class PipelinedRequestDecoder extends HttpRequestDecoder {
  private ChannelHandlerContext ctx;
  private boolean paused;
  private boolean discarding; // the connection is closing: input is dropped unparsed
  private boolean holdingBytes; // paused with bytes left undecoded
  private boolean inputShutDown; // the client's FIN arrived while bytes were held back

  PipelinedRequestDecoder(HttpDecoderConfig config) {
    super(config);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Decode nothing more until {@link #resume()}. */
  void pause() {
    paused = true;
  }

  /**
   * Decodes what was held back, as far as it goes before the next {@link #pause()}. Safe from a
   * handler this decoder is feeding: it decodes only when decoding had stopped at a pause.
   */
  void resume() {
    paused = false;
    if (holdingBytes) {
      holdingBytes = false;
      try {
        channelRead(ctx, Unpooled.EMPTY_BUFFER); // decodes the buffered bytes on
      } catch (Exception e) {
        ctx.fireExceptionCaught(e);
        return;
      }
    }
    if (inputShutDown && !paused) {
      inputShutDown = false;
      try {
        super.userEventTriggered(ctx, ChannelInputShutdownEvent.INSTANCE);
      } catch (Exception e) {
        ctx.fireExceptionCaught(e);
      }
    }
  }

  /** The connection closes: from now on every byte is dropped unparsed, held ones included. */
  void discardInput() {
    discarding = true;
    resume();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
    if (discarding) {
      buffer.skipBytes(buffer.readableBytes());
      return;
    }
    if (paused) {
      holdingBytes = true;
      return; // reading no bytes ends this round of decoding; they stay buffered
    }
    super.decode(ctx, buffer, out);
  }

  // On the client's FIN the base class decodes what is buffered and frees the rest: while paused,
  // that would drop requests read but not yet answered, so the event waits for them.
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof ChannelInputShutdownEvent && holdingBytes) {
      inputShutDown = true;
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  // Both Transfer-Encoding and Content-Length: answer this request, then close, as Netty's
  // HttpServerCodec does (the framing of whatever follows is in doubt: request smuggling).
  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    HttpUtil.setKeepAlive(message, false);
  }
}
