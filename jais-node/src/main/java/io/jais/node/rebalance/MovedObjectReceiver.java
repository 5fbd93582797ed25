package io.jais.node.rebalance;

import io.jais.api.cluster.Rmd;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.transport.InboundObject;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.ReceiveHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The new owner's side of a rebalance ({@value #TRNAME}): stores each object another target moves
 * here with the metadata it arrived with (version, checksum, times, custom metadata), the body
 * verified against its checksum, through {@link ObjectService#receiveMoved}: a write this target
 * took meanwhile is newer and kept, a DELETE taken meanwhile is not undone. The OK ack tells the
 * sender it may delete its copy; an error ack (a body that fails its checksum, a full disk, an
 * object this target does not own by its cluster map) makes it keep the copy.
 *
 * <p>Design notes. Ownership is checked against this target's own Smap, once it has the RMD of
 * the sending rebalance (the sender may have got it a moment earlier): a sender with an older
 * map (a rebalance about to be superseded) must not leave copies on a target that no longer owns
 * them; the newer rebalance moves the object where it belongs. Received objects are counted for
 * the running rebalance's {@code in-objs}/{@code in-bytes}.
 */
public final class MovedObjectReceiver implements ReceiveHandler {
  /** The receive handler's name on the streams. */
  public static final String TRNAME = "rebalance";
  private static final java.time.Duration RMD_WAIT = java.time.Duration.ofSeconds(10);

  private final ClusterState state;
  private final ObjectService objects;
  private final Supplier<RebalanceJob> running;

  /** @param running the rebalance running on this target (null when none), which counts what arrives */
  public MovedObjectReceiver(ClusterState state, ObjectService objects, Supplier<RebalanceJob> running) {
    this.state = state;
    this.objects = objects;
    this.running = running;
  }

  /**
   * The RMD is pushed to every node at once: a sender may start before this node has applied it
   * (and the Smap that comes with it, applied first). Wait for it briefly rather than refuse.
   */
  private void awaitRmd(long version) throws InterruptedIOException {
    long deadline = System.nanoTime() + RMD_WAIT.toNanos();
    while (state.rmd().version() < version && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for RMD v" + version);
      }
    }
  }

  @Override
  public void receive(InboundObject in) throws IOException {
    ObjectHeader header = in.header();
    if (in.headerOnly()) {
      throw JaisException.invalid(TRNAME + " moves objects: " + header.describe() + " came without a body");
    }
    awaitRmd(Rmd.versionOf(header.jobId()));
    Snode owner = state.smap().owner(header.bucket(), header.objectName());
    if (owner == null || !owner.id().equals(state.self().id())) {
      throw new JaisException(ErrorCode.CONFLICT, header.describe() + " moved to " + state.self().displayName()
          + ", which does not own it by Smap v" + state.smap().version() + " (owner: "
          + (owner == null ? "none" : owner.displayName()) + ")");
    }
    ObjectMeta meta = new ObjectMeta(header.size(), header.checksum(), header.version(), header.atimeNanos(),
        header.mtimeNanos(), header.custom(), List.of());
    Optional<ObjectMeta> stored = objects.receiveMoved(header.bucket(), header.objectName(), in.body(), meta,
        Caller.peer(in.senderId()));
    RebalanceJob job = running.get();
    if (stored.isPresent() && job != null) {
      job.received(meta.size());
    }
  }
}
