package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects that are not on the target HRW places them on: written before this target joined (or
 * another left), and not moved yet by the rebalance that runs then. When the owner misses an object, it asks the other
 * targets; if one has it, the owner pulls it here with its metadata intact (a replica: checksum
 * verified on arrival, version, custom metadata and times kept), deletes the other targets'
 * copies, and then serves it as its own. That is the move a rebalance makes, done on demand; the
 * rebalance's own moves arrive through {@link #storeMoved}.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Only the owner by this target's cluster map pulls. A target that is not the owner (a
 *       client or proxy with another map) answers from its own disks: pulling there would move
 *       the object away from where HRW places it.</li>
 *   <li>One pull per object at a time: concurrent misses of the same object wait for the pull in
 *       flight ({@link #busy}) and then read the local copy. The puller looks at the local disk
 *       once more first, so a miss that raced with a finished pull does not look further.</li>
 *   <li>When several targets hold the object (an old copy on one, a newer write on another
 *       after a second join), the newest by mtime wins and every copy is deleted.</li>
 *   <li>The replica yields to a local write that lands during the pull ({@link
 *       ReplicaMode#KEEP_EXISTING}); a peer copy is deleted only if it is still the write that was
 *       found ({@link PeerTargets#deleteIfSame}). A DELETE and a pull of the same object never
 *       overlap ({@link #excludingPulls}), so a pull cannot bring back an object deleted
 *       meanwhile.</li>
 *   <li>Failing to delete a peer copy after the pull is logged and not an error: the owner's copy
 *       is the one served from now on, and a DELETE removes every copy anyway.</li>
 * </ul>
 */
final class MisplacedObjects {
  private static final Logger log = LoggerFactory.getLogger(MisplacedObjects.class);

  private record Key(Bucket bucket, String name) {}

  /** A pull or a delete of one object in flight; {@code done} completes when it is over. */
  private record Slot(boolean pull, CompletableFuture<Boolean> done) {}

  private final ClusterState state;
  private final ObjectStore store;
  private final PeerTargets peers;
  private final CommitHooks hooks;
  private final ConcurrentHashMap<Key, Slot> busy = new ConcurrentHashMap<>();
  private final RecentDeletes deletes = new RecentDeletes(java.time.InstantSource.system());

  MisplacedObjects(ClusterState state, ObjectStore store, PeerTargets peers, CommitHooks hooks) {
    this.state = state;
    this.store = store;
    this.peers = peers;
    this.hooks = hooks;
  }

  /**
   * After a local miss: pulls the object here when this target owns it and another target has
   * it. True when the object is on this target now (pulled by this call or a concurrent one).
   */
  boolean pullHere(Bucket bucket, String name, BucketProps props, Caller caller) throws IOException {
    if (caller.localOnly() || !ownedHere(bucket, name)) {
      return false;
    }
    Key key = new Key(bucket, name);
    Slot mine = new Slot(true, new CompletableFuture<>());
    for (Slot running = busy.putIfAbsent(key, mine); running != null; running = busy.putIfAbsent(key, mine)) {
      if (running.pull()) {
        return await(running.done());
      }
      awaitQuietly(running); // a delete: the pull starts afresh after it
    }
    try {
      boolean here = pull(bucket, name, props, caller);
      mine.done().complete(here);
      return here;
    } catch (IOException | RuntimeException | Error e) {
      mine.done().completeExceptionally(e);
      throw e;
    } finally {
      busy.remove(key, mine);
    }
  }

  /**
   * Runs a DELETE (the local one and {@link #deleteElsewhere}) while no pull of the object runs,
   * and keeps pulls from starting until it is done: a pull must not store again what the delete
   * removes.
   */
  <T> T excludingPulls(Bucket bucket, String name, IoAction<T> delete) throws IOException {
    Key key = new Key(bucket, name);
    Slot mine = new Slot(false, new CompletableFuture<>());
    for (Slot running = busy.putIfAbsent(key, mine); running != null; running = busy.putIfAbsent(key, mine)) {
      awaitQuietly(running);
    }
    try {
      return delete.run();
    } finally {
      mine.done().complete(false);
      busy.remove(key, mine);
    }
  }

  /** Work that may fail with an I/O error. */
  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }

  /**
   * Stores a copy moving here, its owner, from the target that held it (a rebalance): unless a
   * DELETE of the object came after that copy was written, and only over an older object (a
   * newer write here wins). Runs while no pull or DELETE of the object runs, so a DELETE either
   * removes the stored copy or is seen by it.
   *
   * @return the stored metadata; empty when the copy was dropped (deleted, or older than the object here)
   */
  Optional<ObjectMeta> storeMoved(Bucket bucket, String name, io.jais.node.storage.ByteBufSource body, ObjectMeta meta,
      BucketProps props, Caller caller) throws IOException {
    return excludingPulls(bucket, name, () -> {
      if (deletes.deletedSince(bucket, name, meta.mtimeNanos())) {
        return Optional.<ObjectMeta>empty();
      }
      Optional<ObjectMeta> stored = store.putReplicaIfNewer(bucket, name, body, meta, props.writePolicy().fsyncData());
      stored.ifPresent(committed -> hooks.fire(ObjectEvent.Kind.REPLICA, bucket, name, committed, caller));
      return stored;
    });
  }

  /** Records a cluster-wide DELETE (call it inside {@link #excludingPulls}), for {@link #storeMoved}. */
  void recordDelete(Bucket bucket, String name) {
    deletes.record(bucket, name);
  }

  /** Deletes every copy other targets hold (a user's or job's DELETE); how many targets held one. */
  int deleteElsewhere(Bucket bucket, String name, Caller caller) throws IOException {
    if (caller.localOnly() || state.smap().targets().size() < 2) {
      return 0;
    }
    try {
      return peers.deleteEverywhere(bucket, name);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private boolean ownedHere(Bucket bucket, String name) {
    Smap smap = state.smap();
    if (smap.targets().size() < 2) {
      return false;
    }
    Snode owner = smap.owner(bucket, name);
    return owner != null && owner.id().equals(state.self().id());
  }

  private boolean pull(Bucket bucket, String name, BucketProps props, Caller caller) throws IOException {
    if (store.head(bucket, name).isPresent()) {
      return true; // a pull that finished just before this one started
    }
    try {
      List<PeerCopy> copies = peers.find(bucket, name);
      if (copies.isEmpty()) {
        return false;
      }
      PeerCopy newest = copies.stream().max(Comparator.comparingLong(c -> c.meta().mtimeNanos())).orElseThrow();
      Optional<ObjectMeta> stored;
      try {
        stored = peers.read(newest, bucket, name,
            (meta, body) -> store.putReplica(bucket, name, body, meta, false, props.writePolicy().fsyncData()));
      } catch (JaisException e) {
        if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
          return store.head(bucket, name).isPresent(); // deleted there meanwhile
        }
        throw e.code() == ErrorCode.BAD_DIGEST ? corrupt(bucket, name, newest, e) : e;
      }
      if (stored.isPresent()) {
        hooks.fire(ObjectEvent.Kind.REPLICA, bucket, name, stored.get(), caller);
        log.info("{}/{}: moved here (its HRW owner) from {}", bucket.uri(), name, newest.targetId());
      } else {
        log.info("{}/{}: written here while being moved from {}; the write is kept", bucket.uri(), name,
            newest.targetId());
      }
      for (PeerCopy copy : copies) {
        deleteQuietly(copy, bucket, name);
      }
      return true;
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private void deleteQuietly(PeerCopy copy, Bucket bucket, String name) throws InterruptedException {
    try {
      if (!peers.deleteIfSame(copy, bucket, name)) {
        log.info("{}/{}: the copy on {} changed or went away meanwhile; left as it is", bucket.uri(), name,
            copy.targetId());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("{}/{}: cannot delete the copy on {} after moving it here: {}", bucket.uri(), name, copy.targetId(),
          e.toString());
    }
  }

  /** A peer's copy that does not match its own checksum is as corrupt as a local one failing validation. */
  private static JaisException corrupt(Bucket bucket, String name, PeerCopy copy, JaisException cause) {
    log.warn("{}/{}: the copy on {} fails its checksum: {}", bucket.uri(), name, copy.targetId(), cause.getMessage());
    return new JaisException(ErrorCode.CHECKSUM_MISMATCH, bucket.uri() + "/" + name + ": checksum mismatch of the copy on "
        + copy.targetId() + ": " + cause.getMessage());
  }

  private static void awaitQuietly(Slot other) throws IOException {
    try {
      await(other.done());
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // its failure is its caller's; this one only waited for it to be over
    }
  }

  private static boolean await(CompletableFuture<Boolean> pull) throws IOException {
    try {
      return pull.get();
    } catch (InterruptedException e) {
      throw interrupted(e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new IOException(e.getCause());
      }
    }
  }

  private static InterruptedIOException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException io = new InterruptedIOException("interrupted looking for a misplaced object");
    io.initCause(e);
    return io;
  }
}
