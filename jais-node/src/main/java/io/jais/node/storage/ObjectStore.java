package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects stored on this target: what the target's HTTP handlers call. Every method but
 * {@link #tryOpenCached} blocks (call it on a virtual thread); all are thread-safe. Names are validated ({@link ObjectName}) and
 * placed on a mountpath by HRW ({@link Mountpaths#forObject}). Bucket existence is not checked
 * here: that is the bucket metadata's job, one layer up.
 *
 * <p>Failures: {@link JaisException} for what a client can fix or see (INVALID_NAME,
 * OBJECT_NOT_FOUND with the AIS message, BAD_DIGEST, CHECKSUM_MISMATCH, CONFLICT when a name
 * collides with a "directory" of other objects), {@link IOException} for disk errors and for a
 * truncated body. A failed write changes nothing and leaves no workfile.
 *
 * <p>Metadata is cached in memory. Files changed behind the store's back (by hand, by another
 * process) are noticed by {@link #open} when the size differs, by {@link #head} only once the
 * entry leaves the cache.
 */
public final class ObjectStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

  private final ObjectFiles files;
  private final AppendSessions appends;
  private final ObjectLister lister;
  private final ScheduledExecutorService atimeFlusher;
  private final StoreMaintenance maintenance;
  private MountpathSet mountpathSet; // guarded by this
  private final ObjectCopies copies;

  public ObjectStore(Mountpaths mountpaths) {
    this(mountpaths, StoreOptions.DEFAULT);
  }

  public ObjectStore(Mountpaths mountpaths, StoreOptions options) {
    this.files = new ObjectFiles(mountpaths, options);
    this.mountpathSet = MountpathSet.of(mountpaths.all());
    this.appends = new AppendSessions(files);
    this.lister = new ObjectLister(files, ListCursors.withDefaults());
    this.maintenance = new StoreMaintenance(files, appends);
    this.copies = new ObjectCopies(files);
    this.atimeFlusher = options.atimeFlushInterval().isZero() ? null : startAtimeFlusher(options.atimeFlushInterval());
  }

  /** A store over these directories (created when missing) with the default options. */
  public static ObjectStore open(List<Path> mountpathDirectories) throws IOException {
    return new ObjectStore(Mountpaths.open(mountpathDirectories));
  }

  private ScheduledExecutorService startAtimeFlusher(Duration interval) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("atime-flush").factory());
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::flushAtimes, millis, millis, TimeUnit.MILLISECONDS);
    return executor;
  }

  /** Stops the background atime flush and writes what is still buffered. */
  @Override
  public void close() {
    if (atimeFlusher != null) {
      atimeFlusher.shutdownNow();
    }
    flushAtimes();
    files.closeDescriptors();
    lister.close();
  }

  public Mountpaths mountpaths() {
    return files.mountpaths();
  }

  /** What a mountpath operation asks for (AIS {@code attach-mp}, {@code detach-mp}, ...). */
  public enum MountpathAction { ATTACH, DETACH, ENABLE, DISABLE }

  /** The mountpaths by state now. */
  public synchronized MountpathSet mountpathSet() {
    return mountpathSet;
  }

  /**
   * Attaches, detaches, enables or disables a mountpath. From then on objects are placed by HRW
   * over the enabled ones; objects not yet on their new mountpath are still found where they are
   * (searched on a miss) until {@link #resilvered} says a resilver moved them. With {@code drain}
   * false (AIS {@code dntres}) a disabled or detached mountpath's objects are left where they are
   * and not searched.
   *
   * @return true when something changed (false: enabling an enabled one, disabling a disabled one)
   * @throws JaisException NOT_FOUND for a mountpath that is not attached, CONFLICT for attaching
   *     one twice or taking away the last enabled one
   * @throws IOException when the directory to attach cannot be created
   */
  public synchronized boolean changeMountpath(MountpathAction action, Path directory, boolean drain) throws IOException {
    Path path = directory.toAbsolutePath().normalize();
    MountpathSet next = switch (action) {
      case ATTACH -> mountpathSet.attach(Mountpath.open(path));
      case DETACH -> mountpathSet.detach(path, drain);
      case ENABLE -> mountpathSet.enable(path);
      case DISABLE -> mountpathSet.disable(path, drain);
    };
    if (next.equals(mountpathSet)) {
      return false;
    }
    flushAtimes();
    mountpathSet = next;
    files.changeMountpaths(new Mountpaths(next.enabled()), next.searched());
    return true;
  }

  /**
   * A resilver that started with {@code searched} (the set's {@link MountpathSet#searched()}) moved
   * every object to its HRW mountpath: the draining mountpaths are empty now and misses stop
   * searching. Does nothing when the mountpaths changed again meanwhile (the next resilver will).
   */
  public synchronized void resilvered(List<Mountpath> searched) {
    if (mountpathSet.searched().equals(searched)) {
      mountpathSet = mountpathSet.drained(mountpathSet.draining());
      files.settled(searched);
    }
  }

  /** The store as files, for maintenance jobs (cleanup, scrub). */
  public StoreMaintenance maintenance() {
    return maintenance;
  }

  /** Mirror copies of objects on other mountpaths, their repair and quarantine. */
  public ObjectCopies copies() {
    return copies;
  }

  /**
   * Takes a failed mountpath out of service ({@link Mountpaths#disable}) and forgets every cached
   * entry and descriptor (they may point at it).
   *
   * @return false when it was not available (already disabled) or is the last one
   */
  public boolean disableMountpath(Mountpath mountpath) {
    boolean disabled = files.mountpaths().disable(mountpath);
    if (disabled) {
      files.forgetAll();
    }
    return disabled;
  }

  /** The mountpath an object lives on (for {@code Ais-Location}). */
  public Mountpath mountpathOf(Bucket bucket, String name) {
    return files.mountpaths().forObject(bucket, name);
  }

  /**
   * Stores the body as the object, atomically replacing any previous version. The body is
   * consumed to its end unless it fails.
   *
   * @return the stored metadata (version bumped when {@code options.versioning()})
   * @throws JaisException BAD_DIGEST when {@code options.expected()} does not match the body
   * @throws IOException when the body is truncated or the disk fails
   */
  public ObjectMeta put(Bucket bucket, String name, ByteBufSource body, PutOptions options) throws IOException {
    return put(bucket, name, body, options, options::custom);
  }

  /**
   * As {@link #put(Bucket, String, ByteBufSource, PutOptions)}, with custom metadata that is known
   * only once the whole body is in (an S3 ETag is the MD5 of the body): {@code custom} is called
   * after the body has been read and verified, before the object is committed.
   */
  public ObjectMeta put(Bucket bucket, String name, ByteBufSource body, PutOptions options,
      java.util.function.Supplier<Map<String, String>> custom) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    Fqn fqn = files.fqn(key);
    Checksum expected = options.expected();
    Checksummer stored = Checksummer.of(options.checksumType());
    Checksummer validated = expected.isNone() || expected.type().sameValueAs(options.checksumType())
        ? stored : Checksummer.of(expected.type());
    try (WorkFile work = WorkFile.create(fqn.workDir())) {
      long size = work.write(body, validated == stored ? List.of(stored) : List.of(stored, validated));
      Checksum checksum = stored.finish();
      ObjectFiles.verifyExpected(key, expected, validated == stored ? checksum : validated.finish());
      if (options.fsync()) {
        work.fsync();
      }
      long now = files.nowNanos();
      ObjectMeta meta = new ObjectMeta(size, checksum, "", now, now, custom.get(), List.of());
      return files.commit(key, fqn, work, meta, CommitMode.of(options.versioning()), options.fsync());
    }
  }

  /**
   * Stores a copy of an object made elsewhere (another target, another mountpath) with the
   * metadata it arrived with: version, checksum, times and custom metadata are kept as given. The
   * body is checked against {@code meta} on the way in (its size, and its checksum unless that is
   * none); a body that does not match stores nothing.
   *
   * @param replaceExisting false: an object already in place wins, and nothing is stored
   * @return the stored metadata; empty when an object in place was kept
   * @throws JaisException BAD_DIGEST when the body does not match the checksum
   * @throws IOException when the body is shorter or longer than {@code meta.size()}, or the disk fails
   */
  public Optional<ObjectMeta> putReplica(Bucket bucket, String name, ByteBufSource body, ObjectMeta meta,
      boolean replaceExisting, boolean fsync) throws IOException {
    return putReplica(bucket, name, body, meta, replaceExisting ? CommitMode.AS_GIVEN : CommitMode.AS_GIVEN_IF_ABSENT,
        fsync);
  }

  /**
   * {@link #putReplica(Bucket, String, ByteBufSource, ObjectMeta, boolean, boolean)} that replaces
   * only an older object (smaller mtime) and yields to one at least as new: for a copy moving to
   * its owner, which may hold a newer write or a stale copy.
   *
   * @return the stored metadata; empty when the object in place is at least as new (kept)
   */
  public Optional<ObjectMeta> putReplicaIfNewer(Bucket bucket, String name, ByteBufSource body, ObjectMeta meta,
      boolean fsync) throws IOException {
    return putReplica(bucket, name, body, meta, CommitMode.AS_GIVEN_IF_NEWER, fsync);
  }

  private Optional<ObjectMeta> putReplica(Bucket bucket, String name, ByteBufSource body, ObjectMeta meta,
      CommitMode mode, boolean fsync) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    Fqn fqn = files.fqn(key);
    Checksummer checksummer = Checksummer.of(meta.checksum().type());
    try (WorkFile work = WorkFile.create(fqn.workDir())) {
      long size = work.write(body, meta.checksum().isNone() ? List.of() : List.of(checksummer));
      if (size != meta.size()) {
        throw new java.io.EOFException("replica of " + bucket.uri() + "/" + name + " has " + size
            + " bytes, its metadata says " + meta.size());
      }
      ObjectFiles.verifyExpected(key, meta.checksum(), checksummer.finish());
      if (fsync) {
        work.fsync();
      }
      return Optional.ofNullable(files.commit(key, fqn, work, meta, mode, fsync));
    }
  }

  /** The object's metadata, or empty when it is missing (or its metadata is corrupt). */
  public Optional<ObjectMeta> head(Bucket bucket, String name) throws IOException {
    return files.head(new ObjectKey(bucket, name));
  }

  /**
   * Opens the object for a GET and records the access time (buffered, see {@link #flushAtimes}).
   * The read lock is held only while opening; the returned channel keeps reading this version
   * even if the object is replaced or deleted meanwhile.
   *
   * @param validateChecksum re-read the whole object and compare with the stored checksum
   * @throws JaisException OBJECT_NOT_FOUND; CHECKSUM_MISMATCH when validation fails
   */
  public OpenedObject open(Bucket bucket, String name, boolean validateChecksum) throws IOException {
    OpenedObject opened = files.open(new ObjectKey(bucket, name), true);
    if (validateChecksum) {
      validate(bucket, name, opened);
    }
    return opened;
  }

  /**
   * Opens the object to copy or move it: as {@link #open} without checksum validation, and
   * without recording an access (the access time stays as it is).
   *
   * @throws JaisException OBJECT_NOT_FOUND
   */
  public OpenedObject openUntouched(Bucket bucket, String name) throws IOException {
    return files.open(new ObjectKey(bucket, name), false);
  }

  /**
   * Opens the object for a GET through the open-descriptor cache (see {@link StoreOptions#openFiles}):
   * no {@code open} system call when the object was read recently. Records the access time. The
   * caller releases the returned file once. No checksum validation: use {@link #open} for that.
   *
   * @throws JaisException OBJECT_NOT_FOUND
   */
  public SharedObject openShared(Bucket bucket, String name) throws IOException {
    return files.openShared(new ObjectKey(bucket, name));
  }

  /**
   * As {@link #openShared}, but only from memory: never blocks and makes no system call, so an
   * event loop may call it. Null when the object's metadata or descriptor is not cached (or a
   * writer holds the object), which says nothing about whether it exists: ask {@link #openShared}.
   */
  public SharedObject tryOpenCached(Bucket bucket, String name) {
    return files.tryOpenCached(new ObjectKey(bucket, name));
  }

  private static void validate(Bucket bucket, String name, OpenedObject opened) throws IOException {
    Checksum stored = opened.meta().checksum();
    if (stored.isNone()) {
      return;
    }
    Checksum actual;
    try {
      actual = Checksummer.compute(stored.type(), opened.channel());
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    if (!stored.matches(actual)) {
      opened.close();
      log.warn("checksum mismatch of {}/{} on {}: stored {}, computed {}", bucket.uri(), name,
          opened.mountpath(), stored, actual.value());
      throw new JaisException(ErrorCode.CHECKSUM_MISMATCH, bucket.uri() + "/" + name
          + ": checksum mismatch: " + stored.type() + " stored " + stored.value() + ", computed " + actual.value());
    }
  }

  /**
   * Deletes the object.
   *
   * @return the deleted object's metadata; empty when it could not be read (the file is gone anyway)
   * @throws JaisException OBJECT_NOT_FOUND when there is no such object
   */
  public Optional<ObjectMeta> delete(Bucket bucket, String name) throws IOException {
    return files.delete(new ObjectKey(bucket, name), null);
  }

  /**
   * Deletes the object only if it is still the write {@code version} describes (same size, mtime,
   * version and checksum; atime and custom metadata may differ): whoever copied it elsewhere
   * removes it here without destroying a newer write made meanwhile.
   *
   * @return the deleted object's metadata; empty when a different write is in place (kept)
   * @throws JaisException OBJECT_NOT_FOUND when there is no such object
   */
  public Optional<ObjectMeta> deleteIfSame(Bucket bucket, String name, ObjectMeta version) throws IOException {
    Optional<ObjectMeta> deleted = files.delete(new ObjectKey(bucket, name), version::sameGeneration);
    return deleted == null ? Optional.empty() : deleted;
  }

  /**
   * Merges {@code custom} into the object's custom metadata, or replaces it entirely.
   *
   * @throws JaisException OBJECT_NOT_FOUND
   */
  public ObjectMeta setCustom(Bucket bucket, String name, Map<String, String> custom, boolean replace)
      throws IOException {
    return files.setCustom(new ObjectKey(bucket, name), custom, replace);
  }

  /**
   * Copies an object locally with PUT semantics at the destination (new version there). Checksum
   * and custom metadata are carried over.
   *
   * @throws JaisException OBJECT_NOT_FOUND for a missing source
   */
  public ObjectMeta copy(Bucket source, String sourceName, Bucket destination, String destinationName)
      throws IOException {
    ObjectKey to = new ObjectKey(destination, destinationName);
    Fqn toFqn = files.fqn(to);
    try (OpenedObject from = files.open(new ObjectKey(source, sourceName), false);
        WorkFile work = WorkFile.create(toFqn.workDir())) {
      ObjectMeta sourceMeta = from.meta();
      work.copyFrom(from.channel(), sourceMeta.size());
      long now = files.nowNanos();
      ObjectMeta meta = new ObjectMeta(sourceMeta.size(), sourceMeta.checksum(), "", now, now, sourceMeta.custom(),
          List.of());
      return files.commit(to, toFqn, work, meta, CommitMode.NEXT_VERSION, false);
    }
  }

  /**
   * Appends to a pending new version of the object (AIS append). An empty {@code handle} starts a
   * session seeded with the current content; the returned handle continues it.
   *
   * @throws JaisException INVALID_ARGUMENT for a malformed, unknown or foreign handle
   */
  public String append(Bucket bucket, String name, String handle, ByteBufSource body) throws IOException {
    return appends.append(new ObjectKey(bucket, name), handle, body);
  }

  /** Commits an append session with the default options (xxhash2, versioned). */
  public ObjectMeta flush(Bucket bucket, String name, String handle) throws IOException {
    return flush(bucket, name, handle, PutOptions.DEFAULT);
  }

  /**
   * Commits an append session: checksum over the whole content, version bump, atomic replace.
   * The handle is invalid afterwards, also when this fails.
   */
  public ObjectMeta flush(Bucket bucket, String name, String handle, PutOptions options) throws IOException {
    return appends.flush(new ObjectKey(bucket, name), handle, options);
  }

  /** Drops append sessions idle for longer than {@code idle}; returns how many. */
  public int abortIdleAppends(Duration idle) {
    return appends.abortIdle(idle);
  }

  /** One page of this target's objects of the bucket; see {@link ListQuery}. */
  public ListPage list(Bucket bucket, ListQuery query) throws IOException {
    return lister.list(bucket, query);
  }

  /**
   * Removes all of a bucket's content on every mountpath. An object being written concurrently
   * may survive (its writer recreates the directories); the bucket metadata layer prevents that
   * by refusing writes to a bucket being destroyed.
   */
  public void destroyBucket(Bucket bucket) throws IOException {
    appends.abortBucket(bucket);
    lister.forgetBucket(bucket);
    files.forgetBucket(bucket);
    for (Mountpath mountpath : mountpaths().all()) {
      Trash.discard(mountpath, Fqn.bucketDir(mountpath, bucket));
    }
    files.forgetBucket(bucket); // again: a reader may have cached an entry while we were deleting
  }

  /**
   * Deletes every workfile and the trash on every mountpath: leftovers of a crash. Call it at
   * start, before serving; in-flight writes would lose their workfiles.
   *
   * @return how many workfiles were removed
   */
  public int cleanupWorkfiles() throws IOException {
    int removed = 0;
    for (Mountpath mountpath : mountpaths().all()) {
      Trash.empty(mountpath);
      for (Path bucketDir : Fqn.bucketDirs(mountpath)) {
        Path workDir = bucketDir.resolve(Fqn.WORK);
        if (Files.isDirectory(workDir)) {
          removed += Trash.deleteContents(workDir);
        }
      }
    }
    if (removed > 0) {
      log.info("removed {} leftover workfiles", removed);
    }
    return removed;
  }

  /**
   * Writes buffered GET access times to disk. Runs every {@link StoreOptions#atimeFlushInterval}
   * and at {@link #close}; evicted entries are written as they leave the cache.
   *
   * @return how many objects were updated
   */
  public int flushAtimes() {
    return files.flushAtimes();
  }

  /** Capacity of every mountpath's filesystem, in mountpath order. */
  public Map<Mountpath, Mountpath.Capacity> capacity() throws IOException {
    Map<Mountpath, Mountpath.Capacity> result = new LinkedHashMap<>();
    for (Mountpath mountpath : mountpaths().all()) {
      result.put(mountpath, mountpath.capacity());
    }
    return result;
  }
}
