package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects of this target as files: resolves names to FQNs, loads metadata through the cache
 * and commits workfiles. Every method takes the object's lock itself and holds at most one.
 *
 * <p><b>Design notes — the write path.</b> Bytes go to a workfile in the bucket's {@code %wk} on
 * the object's mountpath (same filesystem), hashed on the way. Then, under the object's write
 * lock: read the previous version, write the new metadata (version + 1) onto the workfile, rename
 * it over the final name ({@code ATOMIC_MOVE}), update the cache. The rename is the commit point:
 * readers see the old or the new object, never a mix, and a crash before it leaves only a
 * workfile, which {@code cleanupWorkfiles} removes at start. With an {@code %md} sidecar the
 * metadata cannot be part of the rename; it is written just before it, and a crash in between is
 * caught on read because the sidecar's size no longer matches the file.
 */
final class ObjectFiles {
  private static final Logger log = LoggerFactory.getLogger(ObjectFiles.class);

  private final Mountpaths mountpaths;
  private final ObjectLocks locks = new ObjectLocks();
  private final LomStore lomStore;
  private final MetaCache cache;
  private final DescriptorCache descriptors;
  private final InstantSource clock;

  ObjectFiles(Mountpaths mountpaths, StoreOptions options) {
    this.mountpaths = mountpaths;
    this.lomStore = new LomStore(options.xattrs());
    this.cache = new MetaCache(options.metaCacheEntries());
    this.descriptors = new DescriptorCache(options.openFiles(), options.openFileMaxAge());
    this.clock = options.clock();
  }

  Mountpaths mountpaths() {
    return mountpaths;
  }

  /** Validates the name and resolves it on the object's HRW mountpath. */
  Fqn fqn(ObjectKey key) {
    return Fqn.of(mountpaths.forObject(key.bucket(), key.name()), key.bucket(), key.name());
  }

  long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  Optional<ObjectMeta> head(ObjectKey key) throws IOException {
    Fqn fqn = fqn(key);
    Lock lock = locks.of(key).readLock();
    lock.lock();
    try {
      return load(key, fqn);
    } finally {
      lock.unlock();
    }
  }

  /** Reads the metadata of a listed file without locking; the cache wins (it has newer atimes). */
  Optional<ObjectMeta> peek(ObjectKey key, Fqn fqn) throws IOException {
    Optional<ObjectMeta> cached = cache.get(key);
    return cached.isPresent() ? cached : lomStore.read(fqn);
  }

  /** The full name kept in the metadata of a file named by a hash of it ({@link Fqn#hashed}). */
  Optional<String> storedName(Path file, Path sidecar) throws IOException {
    return lomStore.readStored(file, sidecar).map(LomCodec.Stored::name).filter(name -> !name.isEmpty());
  }

  /**
   * Opens an object for reading; the read lock is held only while opening.
   *
   * @param touch record the access time (a GET)
   */
  OpenedObject open(ObjectKey key, boolean touch) throws IOException {
    Fqn fqn = fqn(key);
    Lock lock = locks.of(key).readLock();
    lock.lock();
    try {
      OpenedObject opened = openChecked(key, fqn, load(key, fqn).orElseThrow(() -> notFound(key)));
      return touch ? new OpenedObject(cache.touch(key, opened.meta(), nowNanos()), opened.channel(),
          opened.mountpath()) : opened;
    } finally {
      lock.unlock();
      flushEvicted();
    }
  }

  /**
   * Opens an object for a GET through the descriptor cache: a fresh cached descriptor is shared,
   * otherwise the file is opened (and checked against the metadata) as by {@link #open} and cached.
   * Records the access time.
   */
  SharedObject openShared(ObjectKey key) throws IOException {
    if (!descriptors.enabled()) {
      OpenedObject opened = open(key, true);
      return new SharedObject(opened.meta(), new SharedFile(opened.channel(), 0));
    }
    Fqn fqn = fqn(key);
    Lock lock = locks.of(key).readLock();
    lock.lock();
    try {
      ObjectMeta meta = load(key, fqn).orElseThrow(() -> notFound(key));
      SharedFile file = descriptors.acquire(key);
      if (file == null) {
        OpenedObject opened = openChecked(key, fqn, meta);
        meta = opened.meta();
        file = descriptors.add(key, opened.channel());
      }
      return new SharedObject(cache.touch(key, meta, nowNanos()), file);
    } finally {
      lock.unlock();
      flushEvicted();
    }
  }

  /**
   * The GET of an object whose metadata and descriptor are both cached, without blocking and
   * without a system call: null when either is missing (or too old), or when a writer holds the
   * object's lock. Records the access time in the cache.
   */
  SharedObject tryOpenCached(ObjectKey key) {
    if (!descriptors.enabled()) {
      return null;
    }
    Lock lock = locks.of(key).readLock();
    if (!lock.tryLock()) {
      return null;
    }
    try {
      SharedFile file = descriptors.acquire(key);
      if (file == null) {
        return null;
      }
      ObjectMeta meta = cache.touchCached(key, nowNanos());
      if (meta == null) {
        file.release();
        return null;
      }
      return new SharedObject(meta, file);
    } finally {
      lock.unlock();
    }
  }

  /** Opens the file and checks it against the metadata; the caller holds the object's lock. */
  private OpenedObject openChecked(ObjectKey key, Fqn fqn, ObjectMeta meta) throws IOException {
    FileChannel channel = openChannel(key, fqn);
    if (channel.size() != meta.size()) {
      // changed behind our back (cache is stale): trust the disk
      cache.remove(key);
      descriptors.invalidate(key);
      Optional<ObjectMeta> fresh = lomStore.read(fqn);
      if (fresh.isEmpty() || fresh.get().size() != channel.size()) {
        channel.close();
        throw notFound(key);
      }
      meta = fresh.get();
      cache.putIfAbsent(key, meta);
    }
    return new OpenedObject(meta, channel, fqn.mountpath());
  }

  private FileChannel openChannel(ObjectKey key, Fqn fqn) throws IOException {
    try {
      return FileChannel.open(fqn.path(), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      cache.remove(key);
      descriptors.invalidate(key);
      throw notFound(key);
    }
  }

  /**
   * Makes a finished workfile the object (see the design notes).
   *
   * @param meta the new metadata; its version is replaced unless {@code mode} keeps it
   * @return the metadata as stored; null when {@link CommitMode#AS_GIVEN_IF_ABSENT} found an object
   *     in place (the workfile is then left to the caller's close, which deletes it)
   */
  ObjectMeta commit(ObjectKey key, Fqn fqn, WorkFile work, ObjectMeta meta, CommitMode mode, boolean fsync)
      throws IOException {
    work.closeChannel();
    ObjectMeta committed;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      Optional<ObjectMeta> previous = load(key, fqn);
      if (mode == CommitMode.AS_GIVEN_IF_ABSENT && previous.isPresent()) {
        return null;
      }
      committed = switch (mode) {
        case NEXT_VERSION -> meta.withVersion(ObjectMeta.nextVersion(previous.map(ObjectMeta::version).orElse("")));
        case NO_VERSION -> meta.withVersion("");
        case AS_GIVEN, AS_GIVEN_IF_ABSENT -> meta;
      };
      boolean sidecar = lomStore.write(work.path(), fqn, committed);
      try {
        moveIntoPlace(work.path(), fqn);
      } catch (IOException | RuntimeException e) {
        if (sidecar) {
          restoreSidecar(fqn, previous);
        }
        throw e;
      }
      work.committed();
      if (!sidecar) {
        lomStore.deleteSidecar(fqn.sidecarPath());
      }
      cache.put(key, committed);
      descriptors.invalidate(key);
    } finally {
      lock.unlock();
    }
    if (fsync) {
      fsyncDirectory(fqn.path().getParent());
    }
    flushEvicted();
    return committed;
  }

  private void restoreSidecar(Fqn fqn, Optional<ObjectMeta> previous) throws IOException {
    if (previous.isPresent()) {
      lomStore.write(fqn.path(), fqn, previous.get());
    } else {
      lomStore.deleteSidecar(fqn.sidecarPath());
    }
  }

  private static void moveIntoPlace(Path work, Fqn fqn) throws IOException {
    Path target = fqn.path();
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw conflict(fqn, "a directory of that name holds other objects");
        }
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (NoSuchFileException e) {
        // a concurrent delete pruned the (empty) parent directory between create and move
        if (attempt == 3 || !Files.exists(work)) {
          throw e;
        }
      } catch (FileSystemException e) {
        Path blocker = fileAncestor(fqn);
        if (blocker != null) {
          throw conflict(fqn, "\"" + fqn.objectsDir().relativize(blocker) + "\" is an object, not a directory");
        }
        throw e;
      }
    }
  }

  /** The first ancestor of the object (under {@code %ob}) that is a regular file, or null. */
  private static Path fileAncestor(Fqn fqn) {
    Path base = fqn.objectsDir();
    Path current = base;
    for (Path component : base.relativize(fqn.path().getParent())) {
      current = current.resolve(component);
      if (Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
        return current;
      }
    }
    return null;
  }

  /**
   * Deletes the object if {@code condition} accepts its metadata (read under the write lock; an
   * object whose metadata cannot be read is deleted only without a condition).
   *
   * @param condition null to delete unconditionally
   * @return the deleted object's metadata (empty when it was unreadable); null when the condition
   *     refused
   */
  Optional<ObjectMeta> delete(ObjectKey key, java.util.function.Predicate<ObjectMeta> condition) throws IOException {
    Fqn fqn = fqn(key);
    Optional<ObjectMeta> deleted;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      // also refuses to delete another object whose long name has the same hash (CONFLICT)
      deleted = load(key, fqn);
      if (condition != null && (deleted.isEmpty() || !condition.test(deleted.get()))) {
        if (deleted.isEmpty() && !Files.isRegularFile(fqn.path(), LinkOption.NOFOLLOW_LINKS)) {
          throw notFound(key);
        }
        return null;
      }
      cache.remove(key);
      descriptors.invalidate(key);
      if (!Files.isRegularFile(fqn.path(), LinkOption.NOFOLLOW_LINKS) || !Files.deleteIfExists(fqn.path())) {
        throw notFound(key);
      }
      lomStore.deleteSidecar(fqn.sidecarPath());
    } finally {
      lock.unlock();
    }
    pruneEmptyDirs(fqn.path().getParent(), fqn.objectsDir());
    pruneEmptyDirs(fqn.sidecarPath().getParent(), Fqn.contentDir(fqn.mountpath(), key.bucket(), Fqn.META));
    return deleted;
  }

  /**
   * Moves an object found on another mountpath of this target ({@code stray}) to its HRW place,
   * under the object's write lock: copied into a workfile there, its metadata (version included)
   * written, renamed into place, then the stray removed. When the HRW place already holds the same
   * or a newer version, the stray is only removed.
   */
  StoreMaintenance.Relocation relocate(ObjectKey key, Fqn stray) throws IOException {
    Fqn home = fqn(key);
    if (home.path().equals(stray.path())) {
      return StoreMaintenance.Relocation.IN_PLACE;
    }
    StoreMaintenance.Relocation done;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      StoreMaintenance.Inspection found = lomStore.inspect(stray.path(), stray.sidecarPath());
      if (found.health() != StoreMaintenance.Health.OK) {
        return StoreMaintenance.Relocation.UNREADABLE;
      }
      Optional<ObjectMeta> there = lomStore.read(home);
      if (there.isPresent() && !StoreMaintenance.isOlder(there.get(), found.meta())) {
        done = StoreMaintenance.Relocation.REMOVED_DUPLICATE;
      } else {
        try (WorkFile work = WorkFile.create(home.workDir());
            FileChannel in = FileChannel.open(stray.path(), StandardOpenOption.READ)) {
          work.copyFrom(in, found.meta().size());
          work.closeChannel();
          boolean sidecar = lomStore.write(work.path(), home, found.meta());
          try {
            moveIntoPlace(work.path(), home);
          } catch (IOException | RuntimeException e) {
            if (sidecar) {
              restoreSidecar(home, there);
            }
            throw e;
          }
          work.committed();
          if (!sidecar) {
            lomStore.deleteSidecar(home.sidecarPath());
          }
        }
        cache.put(key, found.meta());
        descriptors.invalidate(key);
        done = StoreMaintenance.Relocation.MOVED;
      }
      Files.deleteIfExists(stray.path());
      lomStore.deleteSidecar(stray.sidecarPath());
    } finally {
      lock.unlock();
    }
    pruneEmptyDirs(stray.path().getParent(), stray.objectsDir());
    return done;
  }

  /**
   * Removes a copy of an object this target does not own (or keeps on the wrong mountpath), under
   * the object's write lock, if it still is the generation {@code expected}.
   *
   * @return false when it changed or vanished meanwhile
   */
  boolean removeStray(ObjectKey key, Fqn stray, ObjectMeta expected) throws IOException {
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      StoreMaintenance.Inspection now = lomStore.inspect(stray.path(), stray.sidecarPath());
      if (now.health() != StoreMaintenance.Health.OK || !now.meta().sameGeneration(expected)) {
        return false;
      }
      if (fqn(key).path().equals(stray.path())) {
        cache.remove(key);
        descriptors.invalidate(key);
      }
      Files.deleteIfExists(stray.path());
      lomStore.deleteSidecar(stray.sidecarPath());
    } finally {
      lock.unlock();
    }
    pruneEmptyDirs(stray.path().getParent(), stray.objectsDir());
    return true;
  }

  /**
   * Removes a file whose metadata is missing or unreadable (under the object's lock when its name
   * is known), if that is still so.
   *
   * @param key the object the file would be, or null when its name cannot be known (a hashed long name)
   * @return false when the file became readable or vanished meanwhile
   */
  boolean removeUnreadable(ObjectKey key, Path file, Path sidecar, Path objectsDir) throws IOException {
    Lock lock = key == null ? null : locks.of(key).writeLock();
    if (lock != null) {
      lock.lock();
    }
    try {
      StoreMaintenance.Health health = lomStore.inspect(file, sidecar).health();
      if (health == StoreMaintenance.Health.OK || health == StoreMaintenance.Health.GONE) {
        return false;
      }
      if (key != null) {
        cache.remove(key);
        descriptors.invalidate(key);
      }
      Files.deleteIfExists(file);
      if (sidecar != null) {
        lomStore.deleteSidecar(sidecar);
      }
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
    pruneEmptyDirs(file.getParent(), objectsDir);
    return true;
  }

  StoreMaintenance.Inspection inspect(Path file, Path sidecar) throws IOException {
    return lomStore.inspect(file, sidecar);
  }

  /** Removes now-empty parents so that listings do not show stale virtual directories. */
  private static void pruneEmptyDirs(Path dir, Path stopAt) {
    for (Path current = dir; current != null && current.startsWith(stopAt) && !current.equals(stopAt);
        current = current.getParent()) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        log.debug("cannot prune {}: {}", current, e.toString());
        return;
      }
    }
  }

  ObjectMeta setCustom(ObjectKey key, Map<String, String> custom, boolean replace) throws IOException {
    Fqn fqn = fqn(key);
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      ObjectMeta meta = load(key, fqn).orElseThrow(() -> notFound(key));
      Map<String, String> merged = new TreeMap<>(replace ? Map.of() : meta.custom());
      merged.putAll(custom);
      ObjectMeta updated = meta.withCustom(merged);
      store(fqn, updated);
      cache.put(key, updated);
      descriptors.invalidate(key);
      return updated;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets cached metadata of a bucket whose directories are going away. */
  void forgetBucket(Bucket bucket) {
    cache.removeBucket(bucket);
    descriptors.invalidateBucket(bucket);
  }

  /** Closes the cached descriptors (at shutdown). */
  void closeDescriptors() {
    descriptors.clear();
  }

  /** Writes buffered access times; returns how many objects were updated on disk. */
  int flushAtimes() {
    int written = 0;
    for (MetaCache.Dirty dirty : cache.dirty()) {
      written += flushAtime(dirty) ? 1 : 0;
    }
    return written;
  }

  private void flushEvicted() {
    for (MetaCache.Dirty dirty : cache.drainEvicted()) {
      flushAtime(dirty);
    }
  }

  private boolean flushAtime(MetaCache.Dirty dirty) {
    ObjectKey key = dirty.key();
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      Fqn fqn = fqn(key);
      Optional<ObjectMeta> disk = lomStore.read(fqn);
      boolean newer = disk.isPresent() && disk.get().sameGeneration(dirty.meta())
          && disk.get().atimeNanos() < dirty.meta().atimeNanos();
      if (newer) {
        store(fqn, disk.get().withAtime(dirty.meta().atimeNanos()));
      }
      cache.markClean(key, dirty.meta());
      return newer;
    } catch (IOException | RuntimeException e) {
      log.warn("cannot persist the atime of {}: {}", key.uname(), e.toString());
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void store(Fqn fqn, ObjectMeta meta) throws IOException {
    if (!lomStore.write(fqn.path(), fqn, meta)) {
      lomStore.deleteSidecar(fqn.sidecarPath());
    }
  }

  /** Cached or on-disk metadata; the caller holds the object's lock. */
  private Optional<ObjectMeta> load(ObjectKey key, Fqn fqn) throws IOException {
    Optional<ObjectMeta> cached = cache.get(key);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<ObjectMeta> disk = lomStore.read(fqn);
    disk.ifPresent(meta -> cache.putIfAbsent(key, meta));
    return disk;
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Compares a client-sent checksum with the computed one.
   *
   * @throws JaisException BAD_DIGEST on mismatch
   */
  static void verifyExpected(ObjectKey key, Checksum expected, Checksum actual) {
    if (!expected.isNone() && !expected.matches(actual)) {
      throw new JaisException(ErrorCode.BAD_DIGEST, "bad checksum for " + key.bucket().uri() + "/" + key.name()
          + ": " + expected.type() + " expected " + expected.value() + ", computed " + actual.value());
    }
  }

  static JaisException notFound(ObjectKey key) {
    return JaisException.noSuchObject(key.bucket(), key.name());
  }

  private static JaisException conflict(Fqn fqn, String reason) {
    return new JaisException(ErrorCode.CONFLICT,
        "cannot store " + fqn.bucket().uri() + "/" + fqn.objectName() + ": " + reason);
  }
}
