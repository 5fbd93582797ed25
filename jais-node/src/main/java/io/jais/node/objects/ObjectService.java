package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectName;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;
import io.jais.node.storage.PutOptions;
import io.jais.node.storage.SharedObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The objects of a target's buckets, for everyone who reads or writes them: the native and S3
 * front doors, other targets and jobs, each naming itself as the {@link Caller}. What every caller
 * gets alike:
 * <ul>
 *   <li>the bucket's properties: checksum type, versioning and fsync on writes, checksum
 *       validation of GETs ({@code checksum.validate_warm_get});</li>
 *   <li>the open-descriptor cache on GETs, and the event-loop fast path {@link #tryOpenCached};</li>
 *   <li>objects that are not where HRW places them: found on the other targets and moved here
 *       ({@link MisplacedObjects}); a DELETE removes every copy;</li>
 *   <li>{@link CommitListener}s, told once after every commit and every delete on this target.</li>
 * </ul>
 * A {@link Caller.Peer} is answered from this target's disks only. Every method but
 * {@link #tryOpenCached} may block: call it on a virtual thread. Failures as {@link ObjectStore}'s:
 * {@link JaisException} (BUCKET_NOT_FOUND, OBJECT_NOT_FOUND, BAD_DIGEST, CHECKSUM_MISMATCH, ...),
 * {@link IOException} for disks and networks.
 *
 * <p>Listings and summaries ({@code ObjectStore.list}, {@code capacity}) do not go through here:
 * they walk this target's directories page by page, have no per-object semantics to add (the
 * proxy merges every target's pages, so misplaced objects are listed where they are; nothing is
 * committed), and a job that walks local objects needs exactly that walk.
 *
 * <p>Implementation notes: the service holds no per-object state of its own but the pulls in
 * flight ({@link MisplacedObjects}); locking, atomic commits and caches are the store's. The
 * bucket's properties are read from the BMD once per call, so a call sees one version of them.
 */
public final class ObjectService {
  private static final java.time.Duration JOIN_WAIT = java.time.Duration.ofSeconds(5);
  private final ClusterState state;
  private final ObjectStore store;
  private final PeerTargets peers;
  private final CommitHooks hooks = new CommitHooks();
  private final MisplacedObjects misplaced;
  private final List<ObjectRestorer> restorers = new CopyOnWriteArrayList<>();

  public ObjectService(ClusterState state, ObjectStore store, IntraClient intra) {
    this(state, store, new IntraPeers(state, intra));
  }

  ObjectService(ClusterState state, ObjectStore store, PeerTargets peers) {
    this.state = state;
    this.store = store;
    this.peers = peers;
    this.misplaced = new MisplacedObjects(state, store, peers, hooks);
  }

  /** Registers a listener for every later commit (see {@link CommitListener}). */
  public void addListener(CommitListener listener) {
    hooks.add(listener);
  }

  public boolean removeListener(CommitListener listener) {
    return hooks.remove(listener);
  }

  /** Registers a restorer asked when a read finds the object missing or damaged (see {@link ObjectRestorer}). */
  public void addRestorer(ObjectRestorer restorer) {
    restorers.add(restorer);
  }

  /**
   * A GET served from memory: the object's metadata and open descriptor, both cached, without
   * blocking or any system call, so an event loop may call it. Null when anything is not cached,
   * when a writer holds the object, when the bucket is unknown or validates checksums on GET, and
   * always for a {@link Caller.Peer} (this path records an access): then ask {@link #get}. Null
   * says nothing about whether the object exists.
   */
  public SharedObject tryOpenCached(Bucket bucket, String name, Caller caller) {
    if (caller instanceof Caller.Peer) {
      return null;
    }
    BucketProps props = state.bmd().props(bucket).orElse(null);
    if (props == null || props.checksum().validateWarmGet()) {
      return null;
    }
    return store.tryOpenCached(bucket, name);
  }

  /**
   * Opens the object for a GET (whole or any range of it: the caller sends from the channel). With
   * the bucket's {@code checksum.validate_warm_get} the whole object is re-checksummed first and
   * gets a descriptor of its own; otherwise the descriptor comes from the cache. Records the
   * access time, except for a {@link Caller.Peer}: a target reading a copy to move it is no access
   * (it gets a descriptor of its own and verifies the checksum on its side).
   *
   * @throws JaisException OBJECT_NOT_FOUND; CHECKSUM_MISMATCH when validation fails
   */
  public ObjectRead get(Bucket bucket, String name, Caller caller) throws IOException {
    BucketProps props = props(bucket);
    if (caller instanceof Caller.Peer) {
      OpenedObject opened = store.openUntouched(bucket, name);
      return new ObjectRead(opened.meta(), opened.channel(), null);
    }
    try {
      return open(bucket, name, props);
    } catch (JaisException e) {
      boolean back = switch (e.code()) {
        case OBJECT_NOT_FOUND -> misplaced.pullHere(bucket, name, props, caller)
            || restored(bucket, name, props, ObjectRestorer.Damage.MISSING);
        case CHECKSUM_MISMATCH -> restored(bucket, name, props, ObjectRestorer.Damage.CORRUPTED);
        default -> false;
      };
      if (!back) {
        throw unrecoverable(bucket, name, e);
      }
    }
    return open(bucket, name, props);
  }

  /**
   * Checks an object a job found damaged (a scrub) and repairs it through the restorers, as a
   * GET would; what cannot be repaired is quarantined.
   *
   * @return true when the object is whole again (or was not damaged after all)
   */
  public boolean repair(Bucket bucket, String name) throws IOException {
    BucketProps props = props(bucket);
    if (restored(bucket, name, props, ObjectRestorer.Damage.CORRUPTED)) {
      return true;
    }
    quarantine(bucket, name, "checksum mismatch found by a scrub; nothing intact to restore from");
    return false;
  }

  /**
   * What a read that no restorer could help answers: a corrupted object is quarantined (kept on
   * disk aside, never served) and so is every later read of it: OBJECT_QUARANTINED, a 4xx that
   * clients do not retry.
   */
  private JaisException unrecoverable(Bucket bucket, String name, JaisException e) throws IOException {
    if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
      quarantine(bucket, name, e.getMessage());
      return quarantined(bucket, name, e.getMessage());
    }
    if (e.code() == ErrorCode.OBJECT_NOT_FOUND && store.copies().quarantined(bucket, name)) {
      return quarantined(bucket, name, "its data failed the checksum earlier");
    }
    return e;
  }

  private void quarantine(Bucket bucket, String name, String reason) throws IOException {
    store.copies().quarantine(bucket, name, reason);
  }

  private static JaisException quarantined(Bucket bucket, String name, String why) {
    return new JaisException(ErrorCode.OBJECT_QUARANTINED, bucket.uri() + "/" + name
        + ": object is corrupted and quarantined (" + why + "); no intact copy or slice to restore it from;"
        + " PUT it again or DELETE it");
  }

  private boolean restored(Bucket bucket, String name, BucketProps props, ObjectRestorer.Damage damage)
      throws IOException {
    for (ObjectRestorer restorer : restorers) {
      if (restorer.restore(bucket, name, props, damage)) {
        return true;
      }
    }
    return false;
  }

  private ObjectRead open(Bucket bucket, String name, BucketProps props) throws IOException {
    if (props.checksum().validateWarmGet()) {
      OpenedObject opened = store.open(bucket, name, true);
      return new ObjectRead(opened.meta(), opened.channel(), null);
    }
    SharedObject shared = store.openShared(bucket, name);
    return new ObjectRead(shared.meta(), shared.file().channel(), shared.file());
  }

  /** @throws JaisException OBJECT_NOT_FOUND */
  public ObjectMeta head(Bucket bucket, String name, Caller caller) throws IOException {
    BucketProps props = props(bucket);
    Optional<ObjectMeta> meta = store.head(bucket, name);
    if (meta.isEmpty() && !caller.localOnly() && (misplaced.pullHere(bucket, name, props, caller)
        || restored(bucket, name, props, ObjectRestorer.Damage.MISSING))) {
      meta = store.head(bucket, name); // a lost object is brought back for HEAD as for GET
    }
    return meta.orElseThrow(() -> JaisException.noSuchObject(bucket, name));
  }

  /**
   * The copy another target holds of the object on its own disks (e.g. its owner's, to tell
   * whether a copy here is redundant); empty when it holds none or does not answer in time.
   */
  public Optional<ObjectMeta> copyOn(String targetId, Bucket bucket, String name) throws IOException {
    try {
      return peers.headOn(targetId, bucket, name);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /**
   * Whether another target holds the object on its own disks, strictly: an answer of "no" is
   * false, no answer is an error (for whoever deletes on "no").
   *
   * @throws IOException when the target does not answer or answers neither
   */
  public boolean existsOn(String targetId, Bucket bucket, String name) throws IOException {
    try {
      return peers.holds(targetId, bucket, name);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /** The mountpath the object lives on (or would), for {@code Ais-Location}. */
  public Mountpath mountpathOf(Bucket bucket, String name) {
    return store.mountpathOf(bucket, name);
  }

  /**
   * Stores the body as the object (PUT semantics: new version, mtime now), atomically replacing
   * any previous one. The body is consumed to its end unless it fails.
   *
   * @throws JaisException BAD_DIGEST when {@code args.expected()} does not match the body
   * @throws IOException when the body is truncated or the disk fails
   */
  public ObjectMeta put(Bucket bucket, String name, ByteBufSource body, PutArgs args, Caller caller)
      throws IOException {
    BucketProps props = props(bucket);
    ObjectMeta meta = store.put(bucket, name, body, putOptions(props, args.expected()), args.custom());
    hooks.fire(ObjectEvent.Kind.PUT, bucket, name, meta, caller);
    return meta;
  }

  /**
   * Stores an object that arrives from elsewhere (rebalance, mirroring, EC restore, a misplaced
   * object moving to its owner) with the metadata it arrived with: version, checksum, atime, mtime
   * and custom metadata are kept. The body must match {@code meta}'s size and checksum, verified
   * on the way in; if it does not, nothing is stored.
   *
   * @return the stored metadata; empty when {@link ReplicaMode#KEEP_EXISTING} found the object here
   * @throws JaisException BAD_DIGEST when the body does not match the checksum
   * @throws IOException when the body's length differs from {@code meta.size()}, or the disk fails
   */
  public Optional<ObjectMeta> putReplica(Bucket bucket, String name, ByteBufSource body, ObjectMeta meta,
      ReplicaMode mode, Caller caller) throws IOException {
    BucketProps props = props(bucket);
    Optional<ObjectMeta> stored = store.putReplica(bucket, name, body, meta, mode == ReplicaMode.REPLACE,
        props.writePolicy().fsyncData());
    stored.ifPresent(committed -> hooks.fire(ObjectEvent.Kind.REPLICA, bucket, name, committed, caller));
    return stored;
  }

  /**
   * Stores an object a rebalance moves here (its new owner) from the target that held it, with
   * the metadata it arrived with (verified as {@link #putReplica}), unless this target holds a
   * write at least as new (kept) or took a DELETE of the object after the copy was written
   * (dropped: the move must not bring a deleted object back). Serialized with pulls and DELETEs
   * of the same object.
   *
   * @return the stored metadata; empty when the copy was not stored (newer here, or deleted)
   * @throws JaisException BAD_DIGEST when the body does not match the checksum
   */
  public Optional<ObjectMeta> receiveMoved(Bucket bucket, String name, ByteBufSource body, ObjectMeta meta,
      Caller caller) throws IOException {
    return misplaced.storeMoved(bucket, name, body, meta, props(bucket), caller);
  }

  /**
   * Copies an object to another name or bucket with PUT semantics at the destination (a new
   * version there), keeping its checksum and custom metadata. The source must be here (or be a
   * misplaced object this target owns); the destination goes to its HRW owner, which may be
   * another target ({@link #receiveCopy} there).
   *
   * @return the destination's metadata
   * @throws JaisException OBJECT_NOT_FOUND for a missing source; BUCKET_NOT_FOUND for either bucket
   */
  public ObjectMeta copy(Bucket source, String sourceName, Bucket destination, String destinationName, Caller caller)
      throws IOException {
    BucketProps props = props(source);
    props(destination);
    ObjectName.validate(destination, destinationName);
    if (store.head(source, sourceName).isEmpty()) {
      misplaced.pullHere(source, sourceName, props, caller);
    }
    Snode owner = state.smap().owner(destination, destinationName);
    if (owner == null || owner.id().equals(state.self().id())) {
      ObjectMeta meta = store.copy(source, sourceName, destination, destinationName);
      hooks.fire(ObjectEvent.Kind.COPY, destination, destinationName, meta, caller);
      return meta;
    }
    try (OpenedObject opened = store.openUntouched(source, sourceName)) {
      return peers.copyTo(owner.id(), destination, destinationName, opened);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /**
   * Renames an object within its bucket ({@code rename-obj}): copies it to the new name, then
   * removes the old name only if it still holds the version that was there before the copy
   * (here, then every stale copy other targets hold). A write to the old name that races the
   * rename is never destroyed: it stays under the old name, as if it had come after the rename
   * (which is where AIS's object lock would have put it).
   *
   * @return true when the old name was removed, false when a newer write kept it
   * @throws JaisException OBJECT_NOT_FOUND for a missing source
   */
  public boolean rename(Bucket bucket, String name, String newName, Caller caller) throws IOException {
    BucketProps props = props(bucket);
    if (store.head(bucket, name).isEmpty()) {
      misplaced.pullHere(bucket, name, props, caller);
    }
    ObjectMeta before = store.head(bucket, name).orElseThrow(() -> JaisException.noSuchObject(bucket, name));
    copy(bucket, name, bucket, newName, caller);
    return misplaced.excludingPulls(bucket, name, () -> {
      Optional<ObjectMeta> deleted;
      try {
        deleted = store.deleteIfSame(bucket, name, before);
      } catch (JaisException e) {
        if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
          throw e;
        }
        deleted = Optional.empty(); // deleted meanwhile by someone else: nothing of the old name to keep
      }
      deleted.ifPresent(meta -> hooks.fire(ObjectEvent.Kind.DELETE, bucket, name, meta, caller));
      if (deleted.isEmpty() && store.head(bucket, name).isPresent()) {
        return false; // a newer write: kept, and so are the other targets' copies (older, harmless)
      }
      misplaced.deleteElsewhere(bucket, name, caller);
      return true;
    });
  }

  /**
   * Promotes a file of this node's file system into the bucket as object {@code name} (AIS
   * {@code promote}): stored by its HRW owner with PUT semantics (a new version, checksummed by the
   * bucket's type), here or sent to the owner. The file itself is left alone; it is opened without
   * following a symbolic link (a link fails with an {@link IOException}, never read through).
   *
   * @param overwrite replace an existing object; when false an existing one is kept
   * @return the stored object's metadata; empty when it existed and {@code overwrite} is false
   * @throws java.nio.file.NoSuchFileException when the file is gone
   */
  public Optional<ObjectMeta> promote(Bucket bucket, String name, Path file, boolean overwrite, Caller caller)
      throws IOException {
    BucketProps props = props(bucket);
    ObjectName.validate(bucket, name);
    Snode owner = state.smap().owner(bucket, name);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (owner == null || owner.id().equals(state.self().id())) {
        if (!overwrite && store.head(bucket, name).isPresent()) {
          return Optional.empty();
        }
        ObjectMeta meta = store.put(bucket, name, new InputStreamSource(Channels.newInputStream(channel), size),
            putOptions(props, Checksum.NONE), Map::of);
        hooks.fire(ObjectEvent.Kind.PUT, bucket, name, meta, caller);
        return Optional.of(meta);
      }
      if (!overwrite && peers.holds(owner.id(), bucket, name)) { // strict: an owner that does not answer is an error, never "absent"
        return Optional.empty();
      }
      ObjectMeta asFile = new ObjectMeta(size, Checksum.NONE, "", 0, 0, Map.of(), List.of());
      return Optional.of(peers.copyTo(owner.id(), bucket, name, new OpenedObject(asFile, channel, null)));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /**
   * The destination's side of a copy another target sends ({@link #copy}): PUT semantics (new
   * version, mtime now) with the source's custom metadata, the body verified against the source's
   * checksum.
   *
   * @throws JaisException BAD_DIGEST when the body does not match the source's checksum
   */
  public ObjectMeta receiveCopy(Bucket bucket, String name, ByteBufSource body, ObjectMeta source, Caller caller)
      throws IOException {
    BucketProps props = props(bucket);
    Map<String, String> custom = source.custom();
    ObjectMeta meta = store.put(bucket, name, body, putOptions(props, source.checksum()), () -> custom);
    hooks.fire(ObjectEvent.Kind.COPY, bucket, name, meta, caller);
    return meta;
  }

  /**
   * Deletes the object here and, unless a peer asks, every copy other targets hold.
   *
   * @throws JaisException OBJECT_NOT_FOUND when no target had it
   */
  public void delete(Bucket bucket, String name, Caller caller) throws IOException {
    props(bucket);
    if (caller.localOnly()) {
      deleteHere(bucket, name, caller);
      return;
    }
    boolean found = misplaced.excludingPulls(bucket, name, () -> {
      misplaced.recordDelete(bucket, name);
      boolean here = true;
      try {
        deleteHere(bucket, name, caller);
      } catch (JaisException e) {
        if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
          throw e;
        }
        here = false;
      }
      return misplaced.deleteElsewhere(bucket, name, caller) > 0 || here;
    });
    if (!found) {
      throw JaisException.noSuchObject(bucket, name);
    }
  }

  private void deleteHere(Bucket bucket, String name, Caller caller) throws IOException {
    Optional<ObjectMeta> deleted = store.delete(bucket, name);
    hooks.fire(ObjectEvent.Kind.DELETE, bucket, name, deleted.orElse(null), caller);
  }

  /**
   * Deletes the object here only if it is still the write {@code version} describes (size, mtime,
   * version, checksum): for whoever moved it elsewhere and must not destroy a newer write. Local
   * only, whoever calls.
   *
   * @return true when deleted, false when a different write is in place (kept)
   * @throws JaisException OBJECT_NOT_FOUND
   */
  public boolean deleteIfSame(Bucket bucket, String name, ObjectMeta version, Caller caller) throws IOException {
    props(bucket);
    Optional<ObjectMeta> deleted = store.deleteIfSame(bucket, name, version);
    deleted.ifPresent(meta -> hooks.fire(ObjectEvent.Kind.DELETE, bucket, name, meta, caller));
    return deleted.isPresent();
  }

  /**
   * Appends to a pending new version of the object (AIS append); an empty {@code handle} starts a
   * session with the object's current content (a misplaced object is moved here first). Nothing
   * is committed (and no listener told) until {@link #flush}.
   *
   * @return the handle that continues the session
   */
  public String append(Bucket bucket, String name, String handle, ByteBufSource body, Caller caller)
      throws IOException {
    BucketProps props = props(bucket);
    if (handle.isEmpty() && store.head(bucket, name).isEmpty()) {
      misplaced.pullHere(bucket, name, props, caller);
    }
    return store.append(bucket, name, handle, body);
  }

  /** Commits an append session as the new version, checksummed by the bucket's type. */
  public ObjectMeta flush(Bucket bucket, String name, String handle, Caller caller) throws IOException {
    BucketProps props = props(bucket);
    ObjectMeta meta = store.flush(bucket, name, handle, putOptions(props, Checksum.NONE));
    hooks.fire(ObjectEvent.Kind.APPEND, bucket, name, meta, caller);
    return meta;
  }

  /**
   * Merges {@code custom} into the object's custom metadata, or replaces it entirely.
   *
   * @throws JaisException OBJECT_NOT_FOUND
   */
  public ObjectMeta setCustom(Bucket bucket, String name, Map<String, String> custom, boolean replace, Caller caller)
      throws IOException {
    BucketProps props = props(bucket);
    if (store.head(bucket, name).isEmpty()) {
      misplaced.pullHere(bucket, name, props, caller);
    }
    ObjectMeta meta = store.setCustom(bucket, name, custom, replace);
    hooks.fire(ObjectEvent.Kind.SET_CUSTOM, bucket, name, meta, caller);
    return meta;
  }

  private BucketProps props(Bucket bucket) {
    Optional<BucketProps> props = state.bmd().props(bucket);
    if (props.isEmpty() && !joined()) {
      props = afterJoin(bucket);
    }
    return props.orElseThrow(() -> JaisException.noSuchBucket(bucket));
  }

  /** In a cluster map and holding the cluster's BMD (a joining node takes the map first). */
  private boolean joined() {
    return state.smap().contains(state.self().id()) && !state.bmd().uuid().isEmpty();
  }

  /**
   * A request reached this target before its join reply did: the primary routes to a joining
   * target as soon as its map has it, while the metadata is still on its way here. Wait for it
   * (briefly) rather than deny a bucket the cluster has.
   */
  private Optional<BucketProps> afterJoin(Bucket bucket) {
    long deadline = System.nanoTime() + JOIN_WAIT.toNanos();
    while (!joined() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return state.bmd().props(bucket);
  }

  private static PutOptions putOptions(BucketProps props, Checksum expected) {
    return new PutOptions(ChecksumType.parse(props.checksum().type()), expected, Map.of(),
        props.writePolicy().fsyncData(), props.versioning().enabled());
  }

  private static InterruptedIOException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException io = new InterruptedIOException("interrupted");
    io.initCause(e);
    return io;
  }
}
