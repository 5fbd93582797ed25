package io.jais.node;

import io.jais.node.http.ServerHooks;
import io.jais.node.logs.NodeLogContext;
import io.jais.node.metrics.NodeMetrics;

/** What the node's HTTP server tells it: requests in flight to the metrics, handler threads to the logs. */
final class NodeHooks implements ServerHooks {
  private final String nodeId;
  private final NodeMetrics metrics;

  NodeHooks(String nodeId, NodeMetrics metrics) {
    this.nodeId = nodeId;
    this.metrics = metrics;
  }

  @Override
  public void exchangeStarted() {
    metrics.requestStarted();
  }

  @Override
  public void exchangeEnded() {
    metrics.requestEnded();
  }

  @Override
  public void handlerThreadStarted() {
    NodeLogContext.set(nodeId);
  }

  @Override
  public void requestShed() {
    metrics.requestShed();
  }
}
