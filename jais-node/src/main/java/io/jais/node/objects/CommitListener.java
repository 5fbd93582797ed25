package io.jais.node.objects;

/**
 * Told about every change the {@link ObjectService} commits on this target: the one place where
 * mirroring, erasure coding and metrics attach. Called synchronously on the writer's thread right
 * after the commit point (the object is visible to readers; the client has not been answered
 * yet), once per commit, never for a write that failed. Events of concurrent writes to the same
 * object may arrive in either order: compare versions or mtimes, not arrival order.
 *
 * <p>A listener must be quick and must not block on the network; long work goes to its own
 * threads. An exception it throws is logged and does not undo the commit or fail the request.
 */
@FunctionalInterface
public interface CommitListener {
  void committed(ObjectEvent event);
}
