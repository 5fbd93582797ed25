package io.jais.node.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one appender, on the root logger, that hands each log event to the files of the node it
 * belongs to: the node of the logging thread's {@link NodeLogContext}. An event with no node (an
 * event loop's, a library's thread's) goes to the process's own appenders only, as before, unless
 * the process runs a single node, which then gets it too: in production every event of the process
 * is that node's.
 *
 * <p>Implementation notes: added programmatically once per logger context, next to whatever the
 * configuration file set up (the console), which keeps getting every event as before. Unsynchronized:
 * nodes append in parallel and each file appender locks itself; the router only looks up a map.
 */
final class LogRouter extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final String NAME = "jais-node-logs";

  private final ConcurrentMap<String, NodeLogs> nodes = new ConcurrentHashMap<>();
  private volatile NodeLogs sole; // the only node, or null when there are none or several

  /** The router of this logger context, added to its root logger on first use. */
  static synchronized LogRouter installed(LoggerContext context) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(NAME) instanceof LogRouter router) {
      return router;
    }
    LogRouter router = new LogRouter();
    router.setName(NAME);
    router.setContext(context);
    router.start();
    root.addAppender(router);
    return router;
  }

  synchronized void register(String nodeId, NodeLogs logs) {
    nodes.put(nodeId, logs);
    sole = nodes.size() == 1 ? logs : null;
  }

  synchronized void unregister(String nodeId, NodeLogs logs) {
    nodes.remove(nodeId, logs);
    sole = nodes.size() == 1 ? nodes.values().iterator().next() : null;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String nodeId = NodeLogContext.current();
    NodeLogs target = nodeId != null ? nodes.get(nodeId) : sole;
    if (target != null) {
      target.append(event);
    }
  }
}
