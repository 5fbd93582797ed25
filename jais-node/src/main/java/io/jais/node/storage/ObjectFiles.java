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
import java.util.function.Supplier;
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
 *
 * <p><b>Design notes — which form a name takes</b> ({@link Fqn}). A name has one form at a time,
 * plain or escaped, and every reader finds it: a read tries the plain path first (where nearly
 * every object is) and, when no object is there, the escaped one, whose stored name must be this
 * one; the cache remembers the form found. A write, under the object's write lock, keeps the form
 * of the existing object (an escaped {@code a/b} stays escaped after {@code a/b/c} is gone) and
 * puts a new one plain when the name can be a path and the filesystem takes it; when the path is
 * taken (a directory of other objects where the file should be, or an object file where a
 * directory should be) it goes escaped. The filesystem decides concurrent writers of {@code a/b}
 * and {@code a/b/c} (different locks): {@code mkdir} and {@code rename} are atomic, the loser sees
 * the path taken and goes escaped, so both objects exist and both are found. Nothing of this lives
 * only in memory: after a restart the same probes find the same files.
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

  /** An object found on disk or in the cache: its form and its metadata. */
  record Located(Fqn fqn, ObjectMeta meta) {}

  /**
   * Validates the name and resolves it on the object's HRW mountpath, in the form a new object
   * tries first (the existing one's may differ: see the design notes).
   */
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
      return load(key, fqn).map(Located::meta);
    } finally {
      lock.unlock();
    }
  }

  /** Reads the metadata of a listed file without locking; the cache wins (it has newer atimes). */
  Optional<ObjectMeta> peek(ObjectKey key, Fqn fqn) throws IOException {
    MetaCache.Cached cached = cache.get(key);
    return cached != null ? Optional.of(cached.meta()) : lomStore.read(fqn);
  }

  /**
   * The metadata of a listed object without locking: the cache, else one native xattr read
   * ({@link LomStore#readListed}).
   */
  Optional<ObjectMeta> peekListed(ObjectKey key, String file, boolean escaped, Supplier<Fqn> fqn,
      NativeFs.XattrReader reader) throws IOException {
    MetaCache.Cached cached = cache.get(key);
    if (cached != null) {
      return Optional.of(cached.meta());
    }
    Optional<LomCodec.Stored> stored = lomStore.readListed(file, fqn, reader);
    if (stored.isPresent() && escaped && !stored.get().name().equals(key.name())) {
      return Optional.empty();
    }
    return stored.map(LomCodec.Stored::meta);
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
      Located located = load(key, fqn).orElseThrow(() -> notFound(key));
      OpenedObject opened = openChecked(key, located);
      return touch ? new OpenedObject(cache.touch(key, opened.meta(), located.fqn().escaped(), nowNanos()),
          opened.channel(), opened.mountpath()) : opened;
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
      Located located = load(key, fqn).orElseThrow(() -> notFound(key));
      ObjectMeta meta = located.meta();
      SharedFile file = descriptors.acquire(key);
      if (file == null) {
        OpenedObject opened = openChecked(key, located);
        meta = opened.meta();
        file = descriptors.add(key, opened.channel());
      }
      return new SharedObject(cache.touch(key, meta, located.fqn().escaped(), nowNanos()), file);
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
  private OpenedObject openChecked(ObjectKey key, Located located) throws IOException {
    Fqn fqn = located.fqn();
    ObjectMeta meta = located.meta();
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
      cache.putIfAbsent(key, meta, fqn.escaped());
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
   * Makes a finished workfile the object (see the design notes), in the form of the existing
   * object, else plain when the path is free, else escaped.
   *
   * @param fqn the object on its mountpath, in the form a new object tries first ({@link #fqn})
   * @param meta the new metadata; its version is replaced
   * @return the metadata as stored
   * @throws JaisException CONFLICT when the name must go escaped and its hash slot holds another name
   */
  ObjectMeta commit(ObjectKey key, Fqn fqn, WorkFile work, ObjectMeta meta, boolean versioning, boolean fsync)
      throws IOException {
    work.closeChannel();
    ObjectMeta committed;
    Fqn placed;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      Optional<Located> previous = load(key, fqn);
      String version = versioning
          ? ObjectMeta.nextVersion(previous.map(found -> found.meta().version()).orElse("")) : "";
      committed = meta.withVersion(version);
      placed = previous.map(Located::fqn).orElse(fqn);
      if (!place(work, placed, committed, previous)) {
        if (previous.isPresent() || placed.escaped()) {
          throw conflict(placed, "its path is taken by other objects");
        }
        placed = placed.asEscaped();
        requireFreeSlot(placed);
        if (!place(work, placed, committed, previous)) {
          throw conflict(placed, "the escaped form's directory is not a directory");
        }
      }
      work.committed();
      cache.put(key, committed, placed.escaped());
      descriptors.invalidate(key);
    } finally {
      lock.unlock();
    }
    if (fsync) {
      fsyncDirectory(placed.path().getParent());
    }
    flushEvicted();
    return committed;
  }

  /**
   * Writes the metadata and renames the workfile to {@code fqn}; false (nothing changed) when
   * the path is taken by other objects. The caller holds the object's write lock.
   */
  private boolean place(WorkFile work, Fqn fqn, ObjectMeta meta, Optional<Located> previous) throws IOException {
    boolean sidecar;
    try {
      sidecar = lomStore.write(work.path(), fqn, meta);
    } catch (IOException e) {
      // a sidecar (no xattrs, or large metadata) whose plain path is taken in %md as in %ob
      Path sidecarPath = fqn.sidecarPath();
      Path metaDir = Fqn.contentDir(fqn.mountpath(), fqn.bucket(), Fqn.META);
      if (!fqn.escaped() && (Files.isDirectory(sidecarPath, LinkOption.NOFOLLOW_LINKS)
          || fileAncestor(metaDir, sidecarPath) != null)) {
        return false;
      }
      throw e;
    }
    boolean moved;
    try {
      moved = moveIntoPlace(work.path(), fqn);
    } catch (IOException | RuntimeException e) {
      if (sidecar) {
        restoreSidecar(fqn, previous);
      }
      throw e;
    }
    if (!moved) {
      if (sidecar) {
        restoreSidecar(fqn, previous);
      }
      return false;
    }
    if (!sidecar) {
      lomStore.deleteSidecar(fqn.sidecarPath());
    }
    return true;
  }

  /** Refuses to go escaped into a hash slot that holds another name (409, as for long names). */
  private void requireFreeSlot(Fqn escaped) throws IOException {
    lomStore.read(escaped);
  }

  private void restoreSidecar(Fqn fqn, Optional<Located> previous) throws IOException {
    if (previous.isPresent() && previous.get().fqn().escaped() == fqn.escaped()) {
      lomStore.write(fqn.path(), fqn, previous.get().meta());
    } else {
      lomStore.deleteSidecar(fqn.sidecarPath());
    }
  }

  /** Renames the workfile over the object's file; false when the plain path is taken. */
  private static boolean moveIntoPlace(Path work, Fqn fqn) throws IOException {
    Path target = fqn.path();
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          return false; // a directory of that name holds other objects
        }
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
      } catch (NoSuchFileException e) {
        // a concurrent delete pruned the (empty) parent directory between create and move
        if (attempt == 3 || !Files.exists(work)) {
          throw e;
        }
      } catch (FileSystemException e) {
        // an object file where a directory should be (mkdir: EEXIST, rename: ENOTDIR), or a
        // directory made by a concurrent writer of a/b/c where a/b should go (rename: EISDIR)
        if (fileAncestor(fqn.objectsDir(), target) != null || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          return false;
        }
        throw e;
      }
    }
  }

  /** The first ancestor of {@code path} under {@code base} that is a regular file, or null. */
  private static Path fileAncestor(Path base, Path path) {
    Path current = base;
    for (Path component : base.relativize(path.getParent())) {
      current = current.resolve(component);
      if (Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
        return current;
      }
    }
    return null;
  }

  void delete(ObjectKey key) throws IOException {
    Fqn fqn;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      fqn = existingFile(key);
      cache.remove(key);
      descriptors.invalidate(key);
      if (fqn == null || !Files.deleteIfExists(fqn.path())) {
        throw notFound(key);
      }
      lomStore.deleteSidecar(fqn.sidecarPath());
    } finally {
      lock.unlock();
    }
    if (!fqn.escaped()) {
      pruneEmptyDirs(fqn.path().getParent(), fqn.objectsDir());
      pruneEmptyDirs(fqn.sidecarPath().getParent(), Fqn.contentDir(fqn.mountpath(), key.bucket(), Fqn.META));
    }
  }

  /**
   * The object's file, even when its metadata is unreadable (so that it can be deleted), or null.
   * An escaped file counts only when it holds this name, or, for a name that cannot be plain,
   * when its metadata is unreadable (as before names could be escaped for other reasons).
   *
   * @throws JaisException CONFLICT when the name cannot be plain and its hash slot holds another name
   */
  private Fqn existingFile(ObjectKey key) throws IOException {
    Fqn first = fqn(key);
    if (!first.escaped()) {
      if (Files.isRegularFile(first.path(), LinkOption.NOFOLLOW_LINKS)) {
        return first;
      }
      Fqn escaped = first.asEscaped();
      return escapedHolds(escaped) ? escaped : null;
    }
    lomStore.read(first); // refuses to delete another object whose name has the same hash
    return Files.isRegularFile(first.path(), LinkOption.NOFOLLOW_LINKS) ? first : null;
  }

  /** Whether an escaped file exists and its metadata names this object. */
  private boolean escapedHolds(Fqn escaped) throws IOException {
    return lomStore.readStored(escaped.path(), escaped.sidecarPath())
        .filter(stored -> stored.name().equals(escaped.objectName())).isPresent();
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
      Located located = load(key, fqn).orElseThrow(() -> notFound(key));
      Map<String, String> merged = new TreeMap<>(replace ? Map.of() : located.meta().custom());
      merged.putAll(custom);
      ObjectMeta updated = located.meta().withCustom(merged);
      store(located.fqn(), updated);
      cache.put(key, updated, located.fqn().escaped());
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
      Optional<Located> disk = readDisk(fqn(key));
      boolean newer = disk.isPresent() && disk.get().meta().sameGeneration(dirty.meta())
          && disk.get().meta().atimeNanos() < dirty.meta().atimeNanos();
      if (newer) {
        store(disk.get().fqn(), disk.get().meta().withAtime(dirty.meta().atimeNanos()));
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

  /** Cached or on-disk metadata and form; the caller holds the object's lock. */
  private Optional<Located> load(ObjectKey key, Fqn fqn) throws IOException {
    MetaCache.Cached cached = cache.get(key);
    if (cached != null) {
      return Optional.of(new Located(cached.escaped() ? fqn.asEscaped() : fqn, cached.meta()));
    }
    Optional<Located> disk = readDisk(fqn);
    disk.ifPresent(found -> cache.putIfAbsent(key, found.meta(), found.fqn().escaped()));
    return disk;
  }

  /**
   * The object's metadata where it is: the plain path, else the escaped one when it holds this
   * name (a plain-capable name whose hash slot holds another name simply is not there).
   *
   * @param fqn as from {@link #fqn}
   * @throws JaisException CONFLICT for a name that cannot be plain whose hash slot holds another name
   */
  private Optional<Located> readDisk(Fqn fqn) throws IOException {
    if (fqn.escaped()) {
      return lomStore.read(fqn).map(meta -> new Located(fqn, meta));
    }
    Optional<ObjectMeta> plain = lomStore.read(fqn);
    if (plain.isPresent()) {
      return Optional.of(new Located(fqn, plain.get()));
    }
    Fqn escaped = fqn.asEscaped();
    return lomStore.readStored(escaped.path(), escaped.sidecarPath())
        .filter(stored -> stored.name().equals(fqn.objectName()))
        .map(stored -> new Located(escaped, stored.meta()));
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
