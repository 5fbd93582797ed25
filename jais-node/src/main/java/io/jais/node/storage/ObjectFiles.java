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
import java.util.List;
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

  private volatile Mountpaths mountpaths;
  /**
   * Mountpaths to look on when an object is missing from its HRW mountpath: while a resilver
   * moves objects after the mountpaths changed, an object may still be on its old one (including
   * a mountpath being disabled or detached). Empty otherwise: a miss is then just a miss.
   */
  private volatile List<Mountpath> strayPlaces = List.of();
  private final ObjectLocks locks = new ObjectLocks();
  private final LomStore lomStore;
  private final MetaCache cache;
  private final DescriptorCache descriptors;
  private final InstantSource clock;
  private final ReplicaReads replicas;

  ObjectFiles(Mountpaths mountpaths, StoreOptions options) {
    this.mountpaths = mountpaths;
    this.lomStore = new LomStore(options.xattrs());
    this.cache = new MetaCache(options.metaCacheEntries());
    this.descriptors = new DescriptorCache(options.openFiles(), options.openFileMaxAge());
    this.clock = options.clock();
    this.replicas = new ReplicaReads(mountpaths);
  }

  Mountpaths mountpaths() {
    return mountpaths;
  }

  /**
   * Places objects by {@code next} from now on, looking for objects not yet moved on
   * {@code strays} too. The caches name places by the old mountpaths: they are emptied (atimes
   * not yet flushed are lost; the store flushes them first).
   */
  void changeMountpaths(Mountpaths next, List<Mountpath> strays) {
    mountpaths = next;
    strayPlaces = List.copyOf(strays);
    cache.clear();
    descriptors.clear();
  }

  /** Objects are all on their HRW mountpaths again (a resilver finished): misses stop looking elsewhere. */
  void settled(List<Mountpath> expectedStrays) {
    if (strayPlaces.equals(expectedStrays)) {
      strayPlaces = List.of();
    }
  }

  List<Mountpath> strayPlaces() {
    return strayPlaces;
  }

  /** Where a listing looks: the enabled mountpaths and, while a resilver runs, the ones being drained. */
  List<Mountpath> listedMountpaths() {
    List<Mountpath> strays = strayPlaces;
    List<Mountpath> enabled = mountpaths.all();
    if (strays.isEmpty()) {
      return enabled;
    }
    List<Mountpath> all = new java.util.ArrayList<>(enabled);
    strays.stream().filter(m -> !all.contains(m)).forEach(all::add);
    return all;
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
      // a stray (on a mountpath a resilver has yet to drain) is never cached: the cache names the HRW place
      return touch && atHome(located, fqn) ? new OpenedObject(cache.touch(key, opened.meta(), located.fqn().escaped(),
          nowNanos()), opened.channel(), opened.mountpath()) : opened;
    } finally {
      lock.unlock();
      flushEvicted();
    }
  }

  private static boolean atHome(Located located, Fqn home) {
    return located.fqn().mountpath().equals(home.mountpath());
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
      return new SharedObject(atHome(located, fqn) ? cache.touch(key, meta, located.fqn().escaped(), nowNanos()) : meta,
          file);
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
    if (!meta.copies().isEmpty()) {
      OpenedObject copy = openCopy(key, located);
      if (copy != null) {
        return copy;
      }
    }
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
    replicas.record(fqn.mountpath(), meta.size());
    return new OpenedObject(meta, channel, fqn.mountpath());
  }

  /**
   * Opens the mirror copy on the least loaded mountpath, when that is not the main file's; null
   * to read the main file. A copy that is gone or of another size is skipped (and reported to the
   * {@link ReplicaReads} listener, which has it repaired): the main file is read instead. A copy
   * listed in the main file's metadata is of the main's generation (copies are listed, replaced
   * and unlisted under the object's write lock), so it is never stale.
   */
  private OpenedObject openCopy(ObjectKey key, Located located) {
    Mountpath chosen = replicas.choose(located.fqn().mountpath(), located.meta().copies());
    if (chosen == null) {
      return null;
    }
    Fqn copy = located.fqn().onMountpath(chosen);
    try {
      FileChannel channel = FileChannel.open(copy.path(), StandardOpenOption.READ);
      if (channel.size() == located.meta().size()) {
        replicas.record(chosen, located.meta().size());
        return new OpenedObject(located.meta(), channel, chosen);
      }
      channel.close();
    } catch (IOException e) {
      log.debug("copy {} unreadable: {}", copy, e.toString());
    }
    replicas.lost(key);
    return null;
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
   * @param meta the new metadata; its version is replaced unless {@code mode} keeps it
   * @return the metadata as stored; null when {@link CommitMode#AS_GIVEN_IF_ABSENT} found an object
   *     in place, or {@link CommitMode#AS_GIVEN_IF_NEWER} one at least as new (the workfile is then left to the caller's close, which deletes it)
   * @throws JaisException CONFLICT when the name must go escaped and its hash slot holds another name
   */
  ObjectMeta commit(ObjectKey key, Fqn fqn, WorkFile work, ObjectMeta meta, CommitMode mode, boolean fsync)
      throws IOException {
    work.closeChannel();
    ObjectMeta committed;
    Fqn placed;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      Optional<Located> previous = load(key, fqn);
      if (mode == CommitMode.AS_GIVEN_IF_ABSENT && previous.isPresent()) {
        return null;
      }
      if (mode == CommitMode.AS_GIVEN_IF_NEWER && previous.isPresent()
          && previous.get().meta().mtimeNanos() >= meta.mtimeNanos()) {
        return null;
      }
      committed = switch (mode) {
        case NEXT_VERSION -> meta.withVersion(
            ObjectMeta.nextVersion(previous.map(found -> found.meta().version()).orElse("")));
        case NO_VERSION -> meta.withVersion("");
        case AS_GIVEN, AS_GIVEN_IF_ABSENT, AS_GIVEN_IF_NEWER -> meta;
      };
      Optional<Located> stray = previous.filter(found -> !found.fqn().mountpath().equals(fqn.mountpath()));
      Optional<Located> inPlace = stray.isPresent() ? Optional.empty() : previous;
      placed = placeNewVersion(work, inPlace.map(Located::fqn).orElse(fqn), committed, inPlace);
      work.committed();
      cache.put(key, committed, placed.escaped());
      descriptors.invalidate(key);
      if (stray.isPresent()) { // the old version on a mountpath a resilver has yet to drain
        Files.deleteIfExists(stray.get().fqn().path());
        lomStore.deleteSidecar(stray.get().fqn().sidecarPath());
      }
      if (previous.isPresent() && !previous.get().meta().copies().isEmpty()
          && !previous.get().meta().copies().equals(committed.copies())) {
        removeCopies(previous.get().fqn(), previous.get().meta().copies());
      }
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
   * Puts a finished workfile in place as a new version at {@code tried} (the existing object's
   * form, else the plain one), going escaped when a new object's plain path is taken; returns
   * where it went. The caller holds the object's write lock.
   *
   * @throws JaisException CONFLICT when the object cannot be placed in either form
   */
  private Fqn placeNewVersion(WorkFile work, Fqn tried, ObjectMeta meta, Optional<Located> previous)
      throws IOException {
    if (place(work, tried, meta, previous)) {
      return tried;
    }
    if (previous.isPresent() || tried.escaped()) {
      throw conflict(tried, "its path is taken by other objects");
    }
    Fqn escaped = tried.asEscaped();
    requireFreeSlot(escaped);
    if (!place(work, escaped, meta, previous)) {
      throw conflict(escaped, "the escaped form's directory is not a directory");
    }
    return escaped;
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

  /**
   * Deletes the object if {@code condition} accepts its metadata (read under the write lock; an
   * object whose metadata cannot be read is deleted only without a condition).
   *
   * @param condition null to delete unconditionally
   * @return the deleted object's metadata (empty when it was unreadable); null when the condition
   *     refused
   */
  Optional<ObjectMeta> delete(ObjectKey key, java.util.function.Predicate<ObjectMeta> condition) throws IOException {
    Fqn fqn;
    Optional<ObjectMeta> deleted;
    Lock lock = locks.of(key).writeLock();
    lock.lock();
    try {
      // also refuses to delete another object whose escaped name has the same hash (CONFLICT)
      Optional<Located> found = load(key, fqn(key));
      deleted = found.map(Located::meta);
      if (condition != null && (deleted.isEmpty() || !condition.test(deleted.get()))) {
        if (deleted.isEmpty() && existingFile(key) == null) {
          throw notFound(key);
        }
        return null;
      }
      fqn = found.isPresent() ? found.get().fqn() : existingFile(key);
      cache.remove(key);
      descriptors.invalidate(key);
      if (fqn == null || !Files.deleteIfExists(fqn.path())) {
        throw notFound(key);
      }
      lomStore.deleteSidecar(fqn.sidecarPath());
      removeCopies(fqn, deleted.map(ObjectMeta::copies).orElse(java.util.List.of()));
    } finally {
      lock.unlock();
    }
    if (!fqn.escaped()) {
      pruneEmptyDirs(fqn.path().getParent(), fqn.objectsDir());
      pruneEmptyDirs(fqn.sidecarPath().getParent(), Fqn.contentDir(fqn.mountpath(), key.bucket(), Fqn.META));
    }
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
      Optional<Located> there = readDisk(home);
      if (there.isPresent() && !StoreMaintenance.isOlder(there.get().meta(), found.meta())) {
        done = StoreMaintenance.Relocation.REMOVED_DUPLICATE;
      } else {
        Fqn placed;
        try (WorkFile work = WorkFile.create(home.workDir());
            FileChannel in = FileChannel.open(stray.path(), StandardOpenOption.READ)) {
          work.copyFrom(in, found.meta().size());
          work.closeChannel();
          placed = placeNewVersion(work, there.map(Located::fqn).orElse(home), found.meta(), there);
          work.committed();
        }
        cache.put(key, found.meta(), placed.escaped());
        descriptors.invalidate(key);
        done = StoreMaintenance.Relocation.MOVED;
      }
      Files.deleteIfExists(stray.path());
      lomStore.deleteSidecar(stray.sidecarPath());
    } finally {
      lock.unlock();
    }
    if (!stray.escaped()) {
      pruneEmptyDirs(stray.path().getParent(), stray.objectsDir());
    }
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
      if (fqn(key).mountpath().equals(stray.mountpath())) {
        cache.remove(key); // the object's own copy (plain or escaped), not another mountpath's
        descriptors.invalidate(key);
      }
      Files.deleteIfExists(stray.path());
      lomStore.deleteSidecar(stray.sidecarPath());
    } finally {
      lock.unlock();
    }
    if (!stray.escaped()) {
      pruneEmptyDirs(stray.path().getParent(), stray.objectsDir());
    }
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

  /**
   * Removes the mirror copies of an object whose main file is {@code main}: those listed, and
   * any file of the same name on another available mountpath (a copy being made when the main
   * changed, a copy an earlier crash left unlisted). The caller holds the object's write lock, so
   * no reader is between listing a copy and opening it.
   */
  void removeCopies(Fqn main, java.util.List<String> listed) {
    for (Mountpath mountpath : mountpaths.all()) {
      if (mountpath.equals(main.mountpath())) {
        continue;
      }
      Fqn copy = main.onMountpath(mountpath);
      try {
        if (Files.deleteIfExists(copy.path())) {
          lomStore.deleteSidecar(copy.sidecarPath());
          if (!copy.escaped()) {
            pruneEmptyDirs(copy.path().getParent(), copy.objectsDir());
          }
        }
      } catch (IOException e) {
        log.warn("cannot remove copy {} (listed: {}): {}", copy, listed.contains(mountpath.toString()), e.toString());
      }
    }
  }

  /** The object's read-write lock (for {@link ObjectCopies}, which takes it as this class does). */
  java.util.concurrent.locks.ReadWriteLock lockOf(ObjectKey key) {
    return locks.of(key);
  }

  LomStore lomStore() {
    return lomStore;
  }

  ReplicaReads replicas() {
    return replicas;
  }

  /** The object as on disk, bypassing the cache; the caller holds the object's lock. */
  Optional<Located> loadFromDisk(ObjectKey key) throws IOException {
    return readDisk(fqn(key));
  }

  /** Records new metadata of the object's main file on disk and in the cache; the caller holds the write lock. */
  void rewriteMeta(ObjectKey key, Fqn fqn, ObjectMeta meta) throws IOException {
    store(fqn, meta);
    cache.put(key, meta, fqn.escaped());
    descriptors.invalidate(key);
  }

  /** Forgets what is cached of the object (its files changed behind the cache); the caller holds the write lock. */
  void forget(ObjectKey key) {
    cache.remove(key);
    descriptors.invalidate(key);
  }

  /** Forgets every cached entry and descriptor (a mountpath went away: cached places may be gone). */
  void forgetAll() {
    cache.clear();
    descriptors.clear();
  }

  static void prune(Path dir, Path stopAt) {
    pruneEmptyDirs(dir, stopAt);
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
    if (disk.isEmpty()) {
      for (Mountpath other : strayPlaces) {
        if (!other.equals(fqn.mountpath())) {
          Optional<Located> stray = readDisk(Fqn.of(other, key.bucket(), key.name()));
          if (stray.isPresent()) {
            return stray; // not cached: the cache names the HRW mountpath
          }
        }
      }
    }
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
