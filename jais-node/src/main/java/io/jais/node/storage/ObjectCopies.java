package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror copies of objects on the other mountpaths of this target, and the repair of an object
 * from them (AIS {@code lom.Copy}, {@code DelCopies}, {@code RestoreToLocation}). A copy lies
 * where AIS puts it: the object's own path (plain or escaped form) under another mountpath's
 * root, with the main file's metadata in its own attribute. The main file's metadata lists the
 * mountpaths of its copies ({@link ObjectMeta#copies}); GETs read any listed copy
 * ({@link ReplicaReads}).
 *
 * <p><b>Design notes — no stale copy is ever served.</b> A copy is listed, replaced and unlisted
 * only under the object's write lock, and listed only when it is of the main file's generation at
 * that moment ({@link ObjectMeta#sameWrite}): the bytes are copied outside the lock, then, under
 * it, the main is re-read and the copy discarded if the main changed meanwhile. An overwrite
 * commits metadata without copies and removes the old copies' files before releasing the lock;
 * a delete removes them with the main file. So a listed copy always holds the main's bytes, and
 * no copy of a deleted object is left for a repair to bring it back.
 *
 * <p><b>Repair</b> ({@link #heal}) runs under the write lock: every file of the object (the main
 * and a file at its path on every other available mountpath) is checked against the
 * authoritative metadata (the main's when readable, else the newest copy's) by re-reading it
 * whole; a good one replaces the missing or damaged ones (workfile on that mountpath, renamed over
 * the damaged file), files of other generations are removed, and the main is rewritten listing
 * the good copies. With no good file nothing is changed: the caller decides (quarantine).
 */
public final class ObjectCopies {
  static final String QUARANTINE = "%qt";
  private static final Logger log = LoggerFactory.getLogger(ObjectCopies.class);

  private final ObjectFiles files;
  /** Buckets known to have (true) or not to have (false) a quarantine directory on some mountpath. */
  private final java.util.concurrent.ConcurrentHashMap<Bucket, Boolean> quarantines =
      new java.util.concurrent.ConcurrentHashMap<>();

  ObjectCopies(ObjectFiles files) {
    this.files = files;
  }

  /** What {@link #addCopy} did. */
  public enum Added {
    /** the copy is there and listed */
    ADDED,
    /** the destination already held a listed copy, or is the main file's */
    ALREADY,
    /** the object changed or went away while it was copied: nothing listed */
    CHANGED,
    /** no such object */
    MISSING
  }

  /** What {@link #heal} found and did. */
  public record Healed(boolean whole, int checked, int repaired, int removed, List<String> copies) {}

  /** The mountpaths holding the object: the main file's first, then its listed copies'. */
  public Optional<List<String>> paths(Bucket bucket, String name) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    Lock lock = files.lockOf(key).readLock();
    lock.lock();
    try {
      return files.loadFromDisk(key).map(found -> {
        List<String> paths = new ArrayList<>();
        paths.add(found.fqn().mountpath().toString());
        for (String copy : found.meta().copies()) {
          if (!paths.contains(copy)) {
            paths.add(copy);
          }
        }
        return paths;
      });
    } finally {
      lock.unlock();
    }
  }

  /** Who is told of a listed copy a GET found gone or of another size. */
  public void onLostCopy(BiConsumer<Bucket, String> listener) {
    files.replicas().onLost(key -> listener.accept(key.bucket(), key.name()));
  }

  /**
   * Makes a copy of the object on {@code destination} and lists it, unless the object changes
   * meanwhile (see the design notes).
   */
  public Added addCopy(Bucket bucket, String name, Mountpath destination) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    ObjectFiles.Located source;
    FileChannel in;
    Lock read = files.lockOf(key).readLock();
    read.lock();
    try {
      Optional<ObjectFiles.Located> found = files.loadFromDisk(key);
      if (found.isEmpty()) {
        return Added.MISSING;
      }
      source = found.get();
      if (source.fqn().mountpath().equals(destination) || source.meta().copies().contains(destination.toString())) {
        return Added.ALREADY;
      }
      try {
        in = FileChannel.open(source.fqn().path(), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return Added.MISSING;
      }
    } finally {
      read.unlock();
    }
    Fqn copy = source.fqn().onMountpath(destination);
    try (in; WorkFile work = WorkFile.create(copy.workDir())) {
      work.copyFrom(in, source.meta().size());
      work.closeChannel();
      Lock write = files.lockOf(key).writeLock();
      write.lock();
      try {
        Optional<ObjectFiles.Located> now = files.loadFromDisk(key);
        if (now.isEmpty() || !now.get().meta().sameWrite(source.meta())
            || !now.get().fqn().path().equals(source.fqn().path())) {
          return Added.CHANGED;
        }
        ObjectMeta main = now.get().meta();
        if (main.copies().contains(destination.toString())) {
          return Added.ALREADY;
        }
        List<String> copies = new ArrayList<>(main.copies());
        copies.add(destination.toString());
        ObjectMeta listed = main.withCopies(copies);
        place(work.path(), copy, asCopy(listed, now.get().fqn().mountpath(), destination));
        work.committed();
        files.rewriteMeta(key, now.get().fqn(), listed);
        return Added.ADDED;
      } finally {
        write.unlock();
      }
    }
  }

  /**
   * Removes copies until the object has {@code total} files (main included), newest-listed
   * first.
   *
   * @return how many copies were removed
   */
  public int dropCopies(Bucket bucket, String name, int total) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    Lock write = files.lockOf(key).writeLock();
    write.lock();
    try {
      Optional<ObjectFiles.Located> found = files.loadFromDisk(key);
      if (found.isEmpty() || found.get().meta().copies().size() + 1 <= total) {
        return 0;
      }
      List<String> kept = new ArrayList<>(found.get().meta().copies());
      List<String> dropped = new ArrayList<>();
      while (kept.size() + 1 > Math.max(1, total)) {
        dropped.add(kept.removeLast());
      }
      files.rewriteMeta(key, found.get().fqn(), found.get().meta().withCopies(kept));
      for (Mountpath mountpath : files.mountpaths().all()) {
        if (dropped.contains(mountpath.toString())) {
          removeFile(found.get().fqn().onMountpath(mountpath));
        }
      }
      return dropped.size();
    } finally {
      write.unlock();
    }
  }

  /**
   * Checks every file of the object and repairs what can be repaired (see the design notes).
   *
   * @return {@code whole}: the main file is there and verified (repaired or not)
   */
  public Healed heal(Bucket bucket, String name) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    Lock write = files.lockOf(key).writeLock();
    write.lock();
    try {
      files.forget(key);
      Fqn home = files.fqn(key);
      Optional<ObjectFiles.Located> main = files.loadFromDisk(key);
      Map<Mountpath, ObjectFiles.Located> others = others(home, main.map(ObjectFiles.Located::fqn).orElse(null));
      ObjectMeta authority = main.map(ObjectFiles.Located::meta).orElseGet(() -> newest(others));
      if (authority == null) {
        return new Healed(false, 0, 0, 0, List.of());
      }
      int checked = 0;
      int removed = 0;
      boolean mainGood = main.isPresent() && good(main.get().fqn().path(), authority);
      checked += main.isPresent() ? 1 : 0;
      Path source = mainGood ? main.get().fqn().path() : null;
      List<Mountpath> goodCopies = new ArrayList<>();
      List<Mountpath> damaged = new ArrayList<>();
      for (Map.Entry<Mountpath, ObjectFiles.Located> other : others.entrySet()) {
        ObjectFiles.Located copy = other.getValue();
        checked++;
        if (!copy.meta().sameWrite(authority)) {
          removeFile(copy.fqn());
          removed++;
        } else if (good(copy.fqn().path(), authority)) {
          goodCopies.add(other.getKey());
          source = source == null ? copy.fqn().path() : source;
        } else {
          damaged.add(other.getKey());
        }
      }
      for (String listed : authority.copies()) {
        Mountpath mountpath = available(listed);
        if (mountpath != null && !mountpath.equals(home.mountpath()) && !others.containsKey(mountpath)) {
          damaged.add(mountpath); // listed, but its file is gone
        }
      }
      if (source == null) {
        log.warn("{}/{}: no intact file on any mountpath ({} checked)", bucket.uri(), name, checked);
        return new Healed(false, checked, 0, removed, List.of());
      }
      int repaired = 0;
      Fqn mainFqn = main.map(ObjectFiles.Located::fqn).orElseGet(() -> sameForm(home, others));
      if (!Files.isDirectory(mainFqn.mountpath().path())) {
        log.warn("{}/{}: its mountpath {} is gone: nothing restored there", bucket.uri(), name, mainFqn.mountpath());
        return new Healed(false, checked, 0, removed, List.of());
      }
      if (!mainGood) {
        replace(source, mainFqn, authority);
        repaired++;
      }
      for (Mountpath mountpath : damaged) {
        replace(source, mainFqn.onMountpath(mountpath), authority);
        goodCopies.add(mountpath);
        repaired++;
      }
      List<String> copies = goodCopies.stream().filter(m -> !m.equals(mainFqn.mountpath()))
          .map(Mountpath::toString).distinct().toList();
      ObjectMeta listed = authority.withCopies(copies);
      for (Mountpath mountpath : goodCopies) {
        if (!mountpath.equals(mainFqn.mountpath())) {
          Fqn copy = mainFqn.onMountpath(mountpath);
          files.lomStore().write(copy.path(), copy, asCopy(listed, mainFqn.mountpath(), mountpath));
        }
      }
      files.rewriteMeta(key, mainFqn, listed);
      if (repaired > 0 || removed > 0) {
        log.warn("{}/{}: repaired {} file(s), removed {} of another version; copies now {}", bucket.uri(), name,
            repaired, removed, copies);
      }
      return new Healed(true, checked, repaired, removed, copies);
    } finally {
      write.unlock();
    }
  }

  /**
   * Moves every file of the object (main and copies) out of the way into the bucket's
   * {@value #QUARANTINE} directory on its mountpath: kept for an operator, never served, listed
   * or repaired from. Call when {@link #heal} found nothing intact and no other restorer could
   * help.
   *
   * @return true when a file was quarantined
   */
  public boolean quarantine(Bucket bucket, String name, String reason) throws IOException {
    ObjectKey key = new ObjectKey(bucket, name);
    Lock write = files.lockOf(key).writeLock();
    write.lock();
    try {
      files.forget(key);
      Fqn home = files.fqn(key);
      boolean any = false;
      long now = System.currentTimeMillis();
      for (Mountpath mountpath : files.mountpaths().all()) {
        for (Fqn fqn : List.of(home.onMountpath(mountpath), home.onMountpath(mountpath).asEscaped())) {
          if (!Files.isRegularFile(fqn.path(), LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          if (fqn.escaped() && !files.lomStore().readStored(fqn.path(), fqn.sidecarPath())
              .map(stored -> stored.name().equals(name)).orElse(true)) {
            continue; // another name's hash slot
          }
          Path dir = quarantineDir(mountpath, bucket, name);
          quarantines.put(bucket, true);
          Files.createDirectories(dir);
          Path to = dir.resolve(now + (fqn.escaped() ? ".escaped" : ""));
          Files.move(fqn.path(), to, StandardCopyOption.ATOMIC_MOVE);
          Files.writeString(dir.resolve(now + ".why"), bucket.uri() + "/" + name + "\n" + reason + "\n");
          if (Files.exists(fqn.sidecarPath())) {
            Files.move(fqn.sidecarPath(), dir.resolve(now + ".md"), StandardCopyOption.ATOMIC_MOVE);
          }
          if (!fqn.escaped()) {
            ObjectFiles.prune(fqn.path().getParent(), fqn.objectsDir());
          }
          any = true;
          log.error("{}/{}: quarantined {} as {} ({})", bucket.uri(), name, fqn.path(), to, reason);
        }
      }
      return any;
    } finally {
      write.unlock();
    }
  }

  /** Whether a file of this object was quarantined on an available mountpath (and nothing replaced it). */
  public boolean quarantined(Bucket bucket, String name) {
    if (!hasQuarantine(bucket)) {
      return false;
    }
    for (Mountpath mountpath : files.mountpaths().all()) {
      if (Files.isDirectory(quarantineDir(mountpath, bucket, name))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name was written or deleted since it was quarantined: its quarantined files stay (renamed
   * {@code <hash>.released-<ms>}) but no longer answer for the name. Costs nothing in a bucket that
   * never had a quarantine (one directory check per bucket and process).
   */
  public void release(Bucket bucket, String name) {
    if (!hasQuarantine(bucket)) {
      return;
    }
    for (Mountpath mountpath : files.mountpaths().all()) {
      Path dir = quarantineDir(mountpath, bucket, name);
      if (Files.isDirectory(dir)) {
        try {
          Files.move(dir, dir.resolveSibling(dir.getFileName() + ".released-" + System.currentTimeMillis()));
          log.info("{}/{}: written or deleted again; its quarantined files stay in {}", bucket.uri(), name,
              dir.getParent());
        } catch (IOException e) {
          log.warn("cannot release the quarantine of {}/{} in {}: {}", bucket.uri(), name, dir, e.toString());
        }
      }
    }
  }

  private boolean hasQuarantine(Bucket bucket) {
    return quarantines.computeIfAbsent(bucket, b -> files.mountpaths().all().stream()
        .anyMatch(m -> Files.isDirectory(Fqn.contentDir(m, b, QUARANTINE))));
  }

  /** {@code <bucket dir>/%qt/<xxh64 of the name>}: one directory per quarantined object. */
  static Path quarantineDir(Mountpath mountpath, Bucket bucket, String name) {
    return Fqn.hashedPath(Fqn.contentDir(mountpath, bucket, QUARANTINE), name);
  }

  /**
   * The metadata a copy on {@code copyOn} keeps: the main's, listing the other files of the
   * object (the main's mountpath and the other copies), as AIS keeps every copy's list of the
   * others. A copy that becomes the main (its disk lost) thus lists where the rest are.
   */
  private static ObjectMeta asCopy(ObjectMeta main, Mountpath mainOn, Mountpath copyOn) {
    List<String> others = new ArrayList<>();
    others.add(mainOn.toString());
    for (String copy : main.copies()) {
      if (!copy.equals(copyOn.toString())) {
        others.add(copy);
      }
    }
    return main.withCopies(others);
  }

  /** Files of the object at its path on every other available mountpath, with readable metadata. */
  private Map<Mountpath, ObjectFiles.Located> others(Fqn home, Fqn main) throws IOException {
    Map<Mountpath, ObjectFiles.Located> found = new LinkedHashMap<>();
    Mountpath mainMountpath = main == null ? home.mountpath() : main.mountpath();
    for (Mountpath mountpath : files.mountpaths().all()) {
      if (mountpath.equals(mainMountpath)) {
        continue;
      }
      List<Fqn> forms = main != null ? List.of(main.onMountpath(mountpath))
          : home.escaped() ? List.of(home.onMountpath(mountpath))
          : List.of(home.onMountpath(mountpath), home.onMountpath(mountpath).asEscaped());
      for (Fqn fqn : forms) {
        Optional<ObjectMeta> meta;
        try {
          meta = files.lomStore().read(fqn);
        } catch (JaisException e) {
          continue; // an escaped slot holding another name
        } catch (IOException e) {
          log.warn("cannot read copy {}: {}", fqn, e.toString());
          continue;
        }
        if (meta.isPresent()) {
          found.put(mountpath, new ObjectFiles.Located(fqn, meta.get()));
          break;
        }
      }
    }
    return found;
  }

  private static ObjectMeta newest(Map<Mountpath, ObjectFiles.Located> others) {
    ObjectMeta newest = null;
    for (ObjectFiles.Located located : others.values()) {
      if (newest == null || StoreMaintenance.isOlder(newest, located.meta())) {
        newest = located.meta();
      }
    }
    return newest;
  }

  /** The object's home in the form its copies have (escaped copies: escaped main). */
  private static Fqn sameForm(Fqn home, Map<Mountpath, ObjectFiles.Located> others) {
    boolean escaped = others.values().stream().anyMatch(located -> located.fqn().escaped());
    return escaped ? home.asEscaped() : home;
  }

  /** Whether the file holds the bytes the metadata describes (size, and checksum unless none). */
  private static boolean good(Path file, ObjectMeta meta) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() != meta.size()) {
        return false;
      }
      if (meta.checksum().isNone()) {
        return true;
      }
      return meta.checksum().matches(Checksummer.compute(meta.checksum().type(), channel));
    } catch (IOException e) {
      return false;
    }
  }

  /** Copies {@code source} over {@code target} atomically, with {@code meta}; the caller holds the write lock. */
  private void replace(Path source, Fqn target, ObjectMeta meta) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        WorkFile work = WorkFile.create(target.workDir())) {
      work.copyFrom(in, meta.size());
      work.closeChannel();
      place(work.path(), target, meta);
      work.committed();
    }
  }

  /** Writes the metadata onto a finished workfile and renames it to {@code target}. */
  private void place(Path work, Fqn target, ObjectMeta meta) throws IOException {
    boolean sidecar = files.lomStore().write(work, target, meta);
    Files.createDirectories(target.path().getParent());
    Files.move(work, target.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (!sidecar) {
      files.lomStore().deleteSidecar(target.sidecarPath());
    }
  }

  private void removeFile(Fqn fqn) throws IOException {
    Files.deleteIfExists(fqn.path());
    files.lomStore().deleteSidecar(fqn.sidecarPath());
    if (!fqn.escaped()) {
      ObjectFiles.prune(fqn.path().getParent(), fqn.objectsDir());
    }
  }

  private Mountpath available(String path) {
    for (Mountpath mountpath : files.mountpaths().all()) {
      if (mountpath.toString().equals(path)) {
        return mountpath;
      }
    }
    return null;
  }
}
