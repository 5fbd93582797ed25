package io.jais.node.http;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every connection: idle detection, the response encoder, the request decoder with
 * request-line and header limits (414 / 431), paced by the dispatcher, and the dispatcher. No
 * aggregator: bodies stream to the handler.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Body chunks of up to one socket read (below), never split by the codec. */
  private static final int MAX_CHUNK_SIZE = 1 << 20;

  /**
   * Socket reads grow from 2 KiB up to 1 MiB while they come back full (uploads), and shrink again
   * when they do not: a 10 MiB PUT takes ~20 reads instead of 160 (docs/performance.md). Also
   * the most a request body can queue beyond its high-water mark: one read that was under way.
   */
  static final int MAX_READ = 1 << 20;

  private final ServerContext server;

  HttpChannelInitializer(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ServerOptions options = server.options();
    channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ));
    ChannelPipeline pipeline = channel.pipeline();
    long idleMillis = options.idleTimeout().toMillis();
    if (idleMillis > 0) {
      // observeOutput: a response still moving (a large sendfile to a slow reader) is not idle;
      // without it a write counts as I/O only when it completes, and such a GET was cut off
      pipeline.addLast("idle", new IdleStateHandler(true, 0, 0, idleMillis, TimeUnit.MILLISECONDS));
    }
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(options.maxInitialLineLength())
            .setMaxHeaderSize(options.maxHeaderSize())
            .setMaxChunkSize(MAX_CHUNK_SIZE);
    pipeline.addLast("encoder", new ServerResponseEncoder());
    pipeline.addLast("decoder", new PipelinedRequestDecoder(decoder));
    pipeline.addLast("dispatcher", new HttpDispatcher(server));
    server.channels().add(channel);
  }
}
