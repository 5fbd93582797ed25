package io.jais.node.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every connection: idle detection, the HTTP codec with request-line and header
 * limits (414 / 431), and the dispatcher. No aggregator: bodies stream to the handler.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Body chunks of up to one socket read, so a 64 MiB upload is ~1000 chunks, not 8000. */
  private static final int MAX_CHUNK_SIZE = 64 * 1024;

  private final ServerContext server;

  HttpChannelInitializer(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ServerOptions options = server.options();
    ChannelPipeline pipeline = channel.pipeline();
    long idleMillis = options.idleTimeout().toMillis();
    if (idleMillis > 0) {
      pipeline.addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
    }
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(options.maxInitialLineLength())
            .setMaxHeaderSize(options.maxHeaderSize())
            .setMaxChunkSize(MAX_CHUNK_SIZE);
    pipeline.addLast("codec", new HttpServerCodec(decoder));
    pipeline.addLast("dispatcher", new HttpDispatcher(server));
    server.channels().add(channel);
  }
}
