package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The store as files, for the maintenance jobs (cleanup, scrub): walks every mountpath's bucket
 * directories, inspects an object file's metadata where it lies (not where HRW says it should),
 * and repairs one file at a time under the object's lock. Nothing here is on a request path.
 *
 * <p><b>Design notes.</b> A walk sees the directory as it is while requests change it: a file may
 * vanish or be replaced between the walk and the next step. So every change re-reads the file's
 * metadata under the object's write lock and does nothing if it is no longer what the caller saw
 * ({@link #removeStray}, {@link #removeUnreadable}, {@link #relocate}). Workfiles of writes in
 * progress are known to the process ({@link WorkFile#isOpen}, append sessions) and never removed.
 */
public final class StoreMaintenance {
  private static final int READ_BUFFER_BYTES = 1 << 20;

  /** The state of an object file's metadata. */
  public enum Health {
    OK,
    /** neither an extended attribute nor a sidecar */
    NO_METADATA,
    /** a value that does not decode */
    CORRUPT_METADATA,
    /** metadata of another size than the file's */
    SIZE_MISMATCH,
    /** the file disappeared while it was looked at */
    GONE
  }

  /**
   * What the metadata of an object file says.
   *
   * @param meta the decoded metadata, or null when unreadable
   * @param storedName the full name kept for a hashed long name, else empty
   */
  public record Inspection(ObjectMeta meta, String storedName, Health health, String detail) {
    static Inspection of(Health health, String detail) {
      return new Inspection(null, "", health, detail);
    }
  }

  /** What {@link #relocate} did. */
  public enum Relocation {
    /** the file already is at its HRW place */
    IN_PLACE,
    /** moved to its HRW mountpath */
    MOVED,
    /** the HRW mountpath had the same or a newer version: the stray copy was removed */
    REMOVED_DUPLICATE,
    /** the file's metadata was unreadable (or the file gone) when it was about to move: nothing done */
    UNREADABLE
  }

  /**
   * An object file as found on disk.
   *
   * @param sidecar where the file's metadata sidecar would be
   * @param name the object name; null when it cannot be known (an unreadable hashed long name, or a
   *     path that is no valid object name)
   * @param fqn the file's FQN on the mountpath where it lies; null when {@code name} is
   */
  public record StoredFile(Mountpath mountpath, Bucket bucket, Path path, Path sidecar, String name, Fqn fqn) {}

  /** A file in a bucket's workfile directory. */
  public record Workfile(Path path, Instant modified, boolean inUse) {}

  private final ObjectFiles files;
  private final AppendSessions appends;

  StoreMaintenance(ObjectFiles files, AppendSessions appends) {
    this.files = files;
    this.appends = appends;
  }

  public List<Mountpath> mountpaths() {
    return files.mountpaths().all();
  }

  /** The mountpath an object belongs on (HRW over the mountpaths). */
  public Mountpath homeOf(Bucket bucket, String name) {
    return files.mountpaths().forObject(bucket, name);
  }

  /** The bucket directories on a mountpath, by bucket (directories that map to no bucket are skipped). */
  public Map<Bucket, Path> buckets(Mountpath mountpath) throws IOException {
    Map<Bucket, Path> buckets = new LinkedHashMap<>();
    for (Path dir : Fqn.bucketDirs(mountpath)) {
      Fqn.bucketOf(mountpath, dir).ifPresent(bucket -> buckets.put(bucket, dir));
    }
    return buckets;
  }

  /**
   * Visits every object file of a bucket on a mountpath whose name starts with {@code prefix}
   * (every file, named or not, when the prefix is empty), until the visitor returns false.
   */
  public void walk(Mountpath mountpath, Bucket bucket, String prefix, Predicate<StoredFile> visitor) throws IOException {
    Path objects = Fqn.contentDir(mountpath, bucket, Fqn.OBJECTS);
    if (!Files.isDirectory(objects, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path hashed = objects.resolve(ObjectName.ESCAPED);
    Files.walkFileTree(objects, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        StoredFile found = file.startsWith(hashed) ? hashedFile(mountpath, bucket, file)
            : regularFile(mountpath, bucket, objects, file);
        if (found.name() != null ? !found.name().startsWith(prefix) : !prefix.isEmpty()) {
          return FileVisitResult.CONTINUE;
        }
        return visitor.test(found) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // removed while walking
        }
        throw e;
      }
    });
  }

  private static StoredFile regularFile(Mountpath mountpath, Bucket bucket, Path objects, Path file) {
    Path relative = objects.relativize(file);
    Path sidecar = Fqn.contentDir(mountpath, bucket, Fqn.META).resolve(relative);
    return named(mountpath, bucket, file, sidecar, relative.toString().replace(file.getFileSystem().getSeparator(), "/"));
  }

  private StoredFile hashedFile(Mountpath mountpath, Bucket bucket, Path file) throws IOException {
    Path sidecar = Fqn.contentDir(mountpath, bucket, Fqn.META).resolve(ObjectName.ESCAPED).resolve(file.getFileName());
    String name = files.inspect(file, sidecar).storedName();
    return named(mountpath, bucket, file, sidecar, name.isEmpty() ? null : name);
  }

  /**
   * The file with its name, if the name is a valid object name that resolves to this very file, in
   * either form (a plain name is stored escaped when its path was taken by other objects).
   */
  private static StoredFile named(Mountpath mountpath, Bucket bucket, Path file, Path sidecar, String name) {
    if (name != null) {
      try {
        Fqn fqn = Fqn.of(mountpath, bucket, name);
        if (fqn.path().equals(file)) {
          return new StoredFile(mountpath, bucket, file, sidecar, name, fqn);
        }
        if (fqn.asEscaped().path().equals(file)) {
          return new StoredFile(mountpath, bucket, file, sidecar, name, fqn.asEscaped());
        }
      } catch (JaisException invalidName) {
        // a file no object name maps to: unnamed
      }
    }
    return new StoredFile(mountpath, bucket, file, sidecar, null, null);
  }

  /** Reads the file's metadata from disk (not the cache). */
  public Inspection inspect(StoredFile file) throws IOException {
    return files.inspect(file.path(), file.sidecar());
  }

  /**
   * True when the file lies where it belongs: on the mountpath HRW chooses for it, or on another
   * as a mirror copy the object there lists (of the same write). Anything else is misplaced.
   */
  public boolean onHome(StoredFile file) {
    if (file.name() == null) {
      return false;
    }
    if (homeOf(file.bucket(), file.name()).equals(file.mountpath())) {
      return true;
    }
    ObjectKey key = new ObjectKey(file.bucket(), file.name());
    java.util.concurrent.locks.Lock lock = files.lockOf(key).readLock();
    lock.lock();
    try {
      Optional<ObjectFiles.Located> main = files.loadFromDisk(key);
      if (main.isEmpty() || !main.get().meta().copies().contains(file.mountpath().toString())) {
        return false;
      }
      Inspection copy = files.inspect(file.path(), file.sidecar());
      return copy.health() == Health.OK && copy.meta().sameWrite(main.get().meta());
    } catch (IOException e) {
      return false; // unreadable: not a copy anyone can rely on
    } finally {
      lock.unlock();
    }
  }

  /** Moves a sound object file to its HRW mountpath (see {@link Relocation}). */
  public Relocation relocate(StoredFile file) throws IOException {
    return files.relocate(new ObjectKey(file.bucket(), file.name()), file.fqn());
  }

  /** Removes the file (a copy this target need not keep) if it still is generation {@code expected}. */
  public boolean removeStray(StoredFile file, ObjectMeta expected) throws IOException {
    return files.removeStray(new ObjectKey(file.bucket(), file.name()), file.fqn(), expected);
  }

  /** Removes a file whose metadata is missing or unreadable, if it still is. */
  public boolean removeUnreadable(StoredFile file) throws IOException {
    ObjectKey key = file.name() == null ? null : new ObjectKey(file.bucket(), file.name());
    return files.removeUnreadable(key, file.path(), file.sidecar(),
        Fqn.contentDir(file.mountpath(), file.bucket(), Fqn.OBJECTS));
  }

  /**
   * Re-reads the whole file and computes its checksum; null when {@code stop} turned true meanwhile
   * (checked every mebibyte, so that an abort does not wait for a large object).
   */
  public Checksum checksum(StoredFile file, ChecksumType type, BooleanSupplier stop) throws IOException {
    Checksummer checksummer = Checksummer.of(type);
    ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
      long position = 0;
      for (int n = channel.read(buffer, position); n >= 0; n = channel.read(buffer, position)) {
        if (stop.getAsBoolean()) {
          return null;
        }
        position += n;
        checksummer.update(buffer.flip());
        buffer.clear();
      }
    }
    return checksummer.finish();
  }

  /** Every file in the workfile directories of a mountpath's buckets. */
  public List<Workfile> workfiles(Mountpath mountpath) throws IOException {
    List<Workfile> found = new ArrayList<>();
    for (Path bucketDir : Fqn.bucketDirs(mountpath)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(bucketDir.resolve(Fqn.WORK))) {
        for (Path entry : entries) {
          try {
            Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
            found.add(new Workfile(entry, modified, inUse(entry)));
          } catch (NoSuchFileException e) {
            // committed or removed meanwhile
          }
        }
      } catch (NoSuchFileException e) {
        // a bucket without workfiles
      }
    }
    return found;
  }

  private boolean inUse(Path workfile) {
    return WorkFile.isOpen(workfile) || appends.holds(workfile);
  }

  /** Removes a workfile unless a write took it up meanwhile; false when nothing was removed. */
  public boolean removeWorkfile(Workfile workfile) throws IOException {
    if (inUse(workfile.path())) {
      return false;
    }
    Trash.deleteTree(workfile.path());
    return true;
  }

  /** Empties the mountpath's trash (destroyed buckets not yet deleted); returns the entries removed. */
  public int emptyTrash(Mountpath mountpath) throws IOException {
    return Trash.deleteContents(mountpath.path().resolve(Fqn.TRASH));
  }

  /** Moves a bucket directory to the trash at once and deletes it in the background. */
  public void discard(Mountpath mountpath, Path bucketDir) throws IOException {
    Trash.discard(mountpath, bucketDir);
  }

  /**
   * Metadata sidecars of a bucket on a mountpath whose object file is gone, older than
   * {@code before} (a sidecar is written just before its object's rename).
   */
  public List<Path> orphanSidecars(Mountpath mountpath, Bucket bucket, Instant before) throws IOException {
    Path meta = Fqn.contentDir(mountpath, bucket, Fqn.META);
    Path objects = Fqn.contentDir(mountpath, bucket, Fqn.OBJECTS);
    List<Path> orphans = new ArrayList<>();
    if (!Files.isDirectory(meta, LinkOption.NOFOLLOW_LINKS)) {
      return orphans;
    }
    Files.walkFileTree(meta, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(before)
            && !Files.exists(objects.resolve(meta.relativize(file)), LinkOption.NOFOLLOW_LINKS)) {
          orphans.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    return orphans;
  }

  /** Deletes an orphaned sidecar if its object is still missing. */
  public boolean removeOrphanSidecar(Mountpath mountpath, Bucket bucket, Path sidecar) throws IOException {
    Path meta = Fqn.contentDir(mountpath, bucket, Fqn.META);
    Path object = Fqn.contentDir(mountpath, bucket, Fqn.OBJECTS).resolve(meta.relativize(sidecar));
    return !Files.exists(object, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(sidecar);
  }

  /**
   * True when {@code a} is an older generation of the object than {@code b}: by version when both
   * are numbers and differ, else by modification time.
   */
  public static boolean isOlder(ObjectMeta a, ObjectMeta b) {
    try {
      long va = Long.parseLong(a.version());
      long vb = Long.parseLong(b.version());
      if (va != vb) {
        return va < vb;
      }
    } catch (NumberFormatException e) {
      // unversioned: fall back to time
    }
    return a.mtimeNanos() < b.mtimeNanos();
  }
}
