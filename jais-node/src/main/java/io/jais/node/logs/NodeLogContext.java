package io.jais.node.logs;

/**
 * Which node the current thread works for, so its log events land in that node's log files when
 * several nodes share a JVM (the playground, tests).
 *
 * <p>Design notes: an {@link InheritableThreadLocal}, not the logging MDC, because it is inherited:
 * a thread a node's code starts (its background loops, the virtual threads of a fan-out) belongs to
 * that node without anyone passing the context on. The threads that serve many nodes must
 * therefore never carry one: the HTTP server's event loops are started from a thread without it,
 * and each request's handler thread is given its node's context when it starts. Events logged on a
 * thread with no context belong to no node (see {@link LogRouter}).
 */
public final class NodeLogContext {
  private static final InheritableThreadLocal<String> NODE = new InheritableThreadLocal<>();

  private NodeLogContext() {}

  /** The node the current thread works for, or null. */
  public static String current() {
    return NODE.get();
  }

  /** The current thread works for {@code nodeId} from now on (a handler's fresh thread). */
  public static void set(String nodeId) {
    NODE.set(nodeId);
  }

  /** The current thread works for {@code nodeId} until the scope is closed, then as before. */
  public static Scope enter(String nodeId) {
    String previous = NODE.get();
    NODE.set(nodeId);
    return () -> {
      if (previous == null) {
        NODE.remove();
      } else {
        NODE.set(previous);
      }
    };
  }

  /** Restores the previous context; no checked exception. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
