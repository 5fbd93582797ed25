package io.jais.node.http;

import io.netty.channel.group.ChannelGroup;

/** What every connection of one server shares: routes, limits, the error mapper, open channels. */
final class ServerContext {
  private final RouteTable routes;
  private final ServerOptions options;
  private final ErrorMapper errors;
  private final ChannelGroup channels;
  private volatile boolean closing;

  ServerContext(RouteTable routes, ServerOptions options, ChannelGroup channels) {
    this.routes = routes;
    this.options = options;
    this.errors = new ErrorMapper(options.nodeName());
    this.channels = channels;
  }

  RouteTable routes() {
    return routes;
  }

  ServerOptions options() {
    return options;
  }

  ErrorMapper errors() {
    return errors;
  }

  ChannelGroup channels() {
    return channels;
  }

  /** Runs a handler on the server's handler threads; false when they are at their bound (shed it). */
  boolean startHandler(Runnable task) {
    return options.handlerThreads().tryStart(task);
  }

  /** Once set, connections close after their current exchange instead of reading the next one. */
  void markClosing() {
    closing = true;
  }

  boolean isClosing() {
    return closing;
  }
}
