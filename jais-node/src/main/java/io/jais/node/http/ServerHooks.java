package io.jais.node.http;

/**
 * What the node learns from its HTTP server about every exchange, whatever its route: to count
 * requests in flight and to give each handler's thread the node's context (its log files). The
 * composition root implements it; the server knows nothing of metrics or logs.
 *
 * <p>Implementation notes: {@link #exchangeStarted} and {@link #exchangeEnded} come exactly once
 * per exchange, from the event loop (ended may come from the handler's thread when writing the
 * response threw), so they must neither block nor allocate.
 */
public interface ServerHooks {
  ServerHooks NONE = new ServerHooks() {
    @Override
    public void exchangeStarted() {}

    @Override
    public void exchangeEnded() {}

    @Override
    public void handlerThreadStarted() {}

    @Override
    public void requestShed() {}
  };

  /** A request's head was parsed and its exchange began. */
  void exchangeStarted();

  /** The exchange is over: its response was written, or failed to be. */
  void exchangeEnded();

  /** On a handler's fresh virtual thread, before the handler runs. */
  void handlerThreadStarted();

  /** A request was answered 503 at once: the server's handlers were at their bound (event loop). */
  void requestShed();
}
