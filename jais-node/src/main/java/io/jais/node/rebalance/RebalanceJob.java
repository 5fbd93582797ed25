package io.jais.node.rebalance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import io.jais.node.transport.Ack;
import io.jais.node.transport.Body;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.ObjectStreams;
import io.jais.node.transport.Peer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code rebalance} on one target (ID {@code g<RMD version>}): walks every object of every bucket
 * on every mountpath (one jogger each) and moves those whose HRW owner is now another target
 * ({@link RebalancePlan}) to that owner over the object streams; once the owner acknowledged the
 * object stored ({@link MovedObjectReceiver}), deletes this copy if it is still the write that
 * was sent. The job ends when this target has nothing left to move: the cluster's rebalance is
 * done when every target's job has ended.
 *
 * <p>Design notes.
 * <ul>
 *   <li>Reads and writes go on during the move. A GET at the new owner that misses pulls the
 *       object from here (the object service's misplaced-object pull). A write here after the
 *       copy left makes the delete-if-same keep it, and the move is retried with the newer write
 *       (the owner replaces only older objects); a write at the owner is never overwritten by an
 *       older copy; a DELETE at the owner is not undone by a copy in flight.</li>
 *   <li>Every object is sent with its own ack wait, up to {@link #IN_FLIGHT} per mountpath at once;
 *       the walk blocks when they are all out (back-pressure on the disk walk, bounded memory).</li>
 *   <li>Abort (superseded by a newer RMD, stopped, node shutting down) stops between objects; an
 *       object already sent is either acknowledged (then deleted here) or not (kept here): nothing
 *       is lost, and the next rebalance finds what is left.</li>
 *   <li>The job waits (briefly) until this node has the Smap the RMD was made for: the primary
 *       pushes the Smap before the RMD, so this normally holds at once.</li>
 * </ul>
 */
public final class RebalanceJob extends Job {
  /** Objects in flight per mountpath. */
  static final int IN_FLIGHT = 16;
  /** Sends of one object before it is given up (each retry follows a write that changed it here). */
  private static final int ATTEMPTS = 3;
  private static final Duration SMAP_WAIT = Duration.ofSeconds(30);
  private static final Duration ACK_WAIT = Duration.ofMinutes(5);

  static final String MOVED = "moved";
  static final String KEPT_NEWER = "changed-meanwhile";

  /** The start parameters: the Smap version the RMD was made for. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Params(@JsonProperty("smap_version") long smapVersion) {}

  private final ClusterState state;
  private final ObjectStore store;
  private final ObjectService objects;
  private final ObjectStreams streams;
  private final long smapVersion;
  private volatile Smap smap;

  public RebalanceJob(JobStart start, ClusterState state, ObjectStore store, ObjectService objects,
      ObjectStreams streams) {
    super(start, MOVED, KEPT_NEWER);
    this.state = state;
    this.store = store;
    this.objects = objects;
    this.streams = streams;
    this.smapVersion = start.params().isNull() ? 0 : start.params(Params.class).smapVersion();
  }

  @Override
  protected String describe() {
    Smap s = smap;
    return s == null ? "waiting for Smap v" + smapVersion : "Smap v" + s.version() + ", " + s.activeTargets().size()
        + " target(s)";
  }

  /** One object stored here by another target's part of the rebalance (in-objs, in-bytes). */
  void received(long size) {
    counters().received(size);
  }

  @Override
  protected void execute() throws Exception {
    smap = awaitSmap();
    RebalancePlan plan = RebalancePlan.of(smap, state.self().id());
    List<Mountpath> mountpaths = store.mountpaths().all();
    parallelism(mountpaths.size(), IN_FLIGHT * mountpaths.size());
    forEach(mountpaths.iterator(), mountpaths.size(), true, mountpath -> jog(mountpath, plan));
  }

  private Smap awaitSmap() throws InterruptedException {
    long deadline = System.nanoTime() + SMAP_WAIT.toNanos();
    Smap current = state.smap();
    while (current.version() < smapVersion && System.nanoTime() < deadline && !isAborted()) {
      Thread.sleep(50);
      current = state.smap();
    }
    checkAborted();
    if (current.version() < smapVersion) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "rebalance " + id() + " was made for Smap v" + smapVersion
          + ", this target has only v" + current.version());
    }
    return current;
  }

  private void jog(Mountpath mountpath, RebalancePlan plan) throws IOException, InterruptedException {
    StoreMaintenance files = store.maintenance();
    Semaphore slots = new Semaphore(IN_FLIGHT);
    try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
      Bmd bmd = state.bmd();
      for (Map.Entry<Bucket, java.nio.file.Path> dir : files.buckets(mountpath).entrySet()) {
        Bucket bucket = dir.getKey();
        if (!bmd.contains(bucket)) {
          continue; // a bucket being destroyed, or one this node does not know yet: nothing to move
        }
        files.walk(mountpath, bucket, "", file -> {
          if (isAborted() || file.name() == null) {
            return !isAborted();
          }
          Snode to = plan.destination(bucket, file.name());
          if (to == null) {
            return true;
          }
          if (!acquire(slots)) {
            return false;
          }
          sends.execute(() -> {
            try {
              move(bucket, file.name(), to);
            } catch (Exception e) {
              fail(bucket.uri() + "/" + file.name() + " to " + to.displayName() + ": " + message(e));
            } finally {
              slots.release();
            }
          });
          return true;
        });
      }
    }
  }

  private boolean acquire(Semaphore slots) {
    try {
      while (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
        if (isAborted()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends the object to its owner and deletes it here once stored there; when a write changed it
   * here meanwhile, sends the newer write too (the owner replaces only older objects).
   */
  private void move(Bucket bucket, String name, Snode to) throws Exception {
    for (int attempt = 1; attempt <= ATTEMPTS && !isAborted(); attempt++) {
      ObjectRead read;
      try {
        read = objects.get(bucket, name, Caller.peer(state.self().id()));
      } catch (JaisException e) {
        if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
          return; // deleted, or pulled by its owner already
        }
        throw e;
      }
      ObjectMeta meta = read.meta();
      ObjectHeader header = ObjectHeader.of(MovedObjectReceiver.TRNAME, bucket, name, meta).withJobId(id());
      Ack ack = await(streams.send(Peer.of(to), header, Body.ofFile(read.channel(), 0, meta.size(), () -> closeQuietly(read))));
      ack.orThrow();
      counters().sent(meta.size());
      try {
        if (objects.deleteIfSame(bucket, name, meta, Caller.localJob(id()))) {
          counters().add(MOVED, 1);
          return;
        }
      } catch (JaisException e) {
        if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
          counters().add(MOVED, 1); // its owner pulled it meanwhile (and removed this copy)
          return;
        }
        throw e;
      }
      counters().add(KEPT_NEWER, 1); // written here after it was read: send that write too
    }
    if (!isAborted()) {
      // rewritten here on every attempt: the newest write is still here, not at its owner; an
      // error makes the primary run the next rebalance rather than call placement settled
      fail(bucket.uri() + "/" + name + ": still being rewritten here after " + ATTEMPTS + " moves to " + to.id());
    }
  }

  private static Ack await(java.util.concurrent.CompletableFuture<Ack> acked) throws Exception {
    try {
      return acked.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      acked.cancel(true);
      throw new JaisException(ErrorCode.UNAVAILABLE, "no ack within " + ACK_WAIT);
    }
  }

  private static void closeQuietly(ObjectRead read) {
    try {
      read.close();
    } catch (IOException e) {
      // nothing to do: the descriptor is gone either way
    }
  }
}
