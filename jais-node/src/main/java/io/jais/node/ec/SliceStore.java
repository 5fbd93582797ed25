package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import io.jais.api.hash.Xxh64;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.Checksummer;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.Mountpaths;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slices and replicas this target holds for other targets' objects, in a content area of their
 * own beside the objects ({@code <mountpath>/@<provider>/<bucket>/%ec/<2 hex>/<16 hex>/<index>}, the
 * hex being the XXH64 of the object's name, on the mountpath HRW picks for the name): not objects,
 * never listed, never served as objects.
 *
 * <p>Design notes:
 * <ul>
 *   <li>File format: the slice's bytes from offset 0 (so a slice is sent zero-copy as a file
 *       range), then its {@link SliceMeta} as JSON, its length (4 bytes) and a magic (4 bytes).
 *       Written to a temp file in the same directory and renamed: a reader sees a whole slice or
 *       the previous one, never a partial one.</li>
 *   <li>Generations: all slices of one object here belong to one generation of it. Storing a
 *       slice of a newer generation removes every older one; a slice of an older generation than
 *       one held is dropped (an overwrite's slices can arrive before a late old one). A delete
 *       removes the slices of generations up to the deleted one. So a slice kept here never
 *       mixes with another write of the object.</li>
 *   <li>Integrity: the storing target computes the XXH64 of the bytes it wrote into the metadata;
 *       {@link #verify} re-reads them, so a damaged slice is never sent to rebuild anything.</li>
 *   <li>Locks: one of 256 striped locks per object name hash serializes writes and deletes of an
 *       object's slices; readers take none (renames are atomic).</li>
 * </ul>
 */
final class SliceStore {
  static final String CONTENT = "%ec";
  private static final Logger log = LoggerFactory.getLogger(SliceStore.class);
  private static final int MAGIC = 0x4a454331; // "JEC1"
  private static final int TRAILER = 8;
  private static final int MAX_META = 1 << 20;

  private final Mountpaths mountpaths;
  private final ReentrantLock[] locks = new ReentrantLock[256];

  SliceStore(Mountpaths mountpaths) {
    this.mountpaths = mountpaths;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  private Path objectDir(Bucket bucket, String name) {
    Mountpath mountpath = mountpaths.forObject(bucket, name);
    String hex = Xxh64.hex(Xxh64.hash(name, 0));
    return Fqn.contentDir(mountpath, bucket, CONTENT).resolve(hex.substring(0, 2)).resolve(hex);
  }

  private ReentrantLock lockOf(String name) {
    return locks[(int) (Xxh64.hash(name, 0) & 0xff)];
  }

  /**
   * Stores a slice (or replica) from {@code body}: exactly {@code meta.sliceSize()} bytes, or fewer
   * for a data slice past the object's end (the rest is zeros).
   *
   * @return false when a newer generation of the object is held here (nothing stored)
   * @throws IOException when the body fails or is longer than the slice
   */
  boolean put(Bucket bucket, SliceMeta meta, ByteBufSource body) throws IOException {
    Path dir = objectDir(bucket, meta.name());
    Files.createDirectories(dir);
    Path temp = dir.resolve(".tmp-" + UUID.randomUUID());
    try {
      String checksum = write(temp, meta, body);
      ReentrantLock lock = lockOf(meta.name());
      lock.lock();
      try {
        for (StoredSlice held : list(bucket, meta.name())) {
          int order = held.meta().generation().compareTo(meta.generation());
          if (order > 0) {
            return false;
          }
          if (order < 0) {
            Files.deleteIfExists(held.file());
          }
        }
        appendMeta(temp, meta.withSliceChecksum(checksum));
        Files.move(temp, dir.resolve(Integer.toString(meta.index())), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        return true;
      } finally {
        lock.unlock();
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String write(Path temp, SliceMeta meta, ByteBufSource body) throws IOException {
    Checksummer checksummer = Checksummer.of(ChecksumType.XXHASH);
    long written = 0;
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (ByteBuf chunk = body.next(); chunk != null; chunk = body.next()) {
        try {
          written += chunk.readableBytes();
          if (written > meta.sliceSize()) {
            throw new IOException("slice " + meta.index() + " of " + meta.name() + ": more than its "
                + meta.sliceSize() + " bytes");
          }
          ByteBuffer nio = chunk.nioBuffer();
          checksummer.update(nio);
          while (nio.hasRemaining()) {
            out.write(nio);
          }
        } finally {
          chunk.release();
        }
      }
      ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
      while (written < meta.sliceSize()) {
        int n = (int) Math.min(zeros.capacity(), meta.sliceSize() - written);
        zeros.clear().limit(n);
        checksummer.update(zeros);
        while (zeros.hasRemaining()) {
          out.write(zeros);
        }
        written += n;
      }
    }
    return checksummer.finish().value();
  }

  private static void appendMeta(Path file, SliceMeta meta) throws IOException {
    byte[] json = meta.toJson();
    ByteBuffer tail = ByteBuffer.allocate(json.length + TRAILER).put(json).putInt(json.length).putInt(MAGIC).flip();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (tail.hasRemaining()) {
        out.write(tail);
      }
    }
  }

  /** Every slice or replica of the object held here (unchecked: see {@link #verify}). */
  List<StoredSlice> list(Bucket bucket, String name) throws IOException {
    List<StoredSlice> slices = new ArrayList<>();
    Path dir = objectDir(bucket, name);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (file.getFileName().toString().startsWith(".")) {
          continue;
        }
        readMeta(file).filter(meta -> meta.name().equals(name)).ifPresent(meta -> slices.add(new StoredSlice(file, meta)));
      }
    } catch (NoSuchFileException e) {
      return slices;
    }
    return slices;
  }

  /** The metadata at a slice file's end; empty when the file is not a whole slice (logged). */
  static Optional<SliceMeta> readMeta(Path file) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (size < TRAILER) {
        throw new IOException("too short");
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
      readFully(in, trailer, size - TRAILER);
      int length = trailer.flip().getInt();
      if (trailer.getInt() != MAGIC || length <= 0 || length > MAX_META || length > size - TRAILER) {
        throw new IOException("no slice trailer");
      }
      ByteBuffer json = ByteBuffer.allocate(length);
      readFully(in, json, size - TRAILER - length);
      SliceMeta meta = SliceMeta.fromJson(json.array());
      if (meta.sliceSize() != size - TRAILER - length) {
        throw new IOException("slice length " + (size - TRAILER - length) + ", metadata says " + meta.sliceSize());
      }
      return Optional.of(meta);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      log.warn("unreadable EC slice {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** True when the slice's bytes match the checksum taken when it was stored. */
  static boolean verify(StoredSlice slice) {
    Checksummer checksummer = Checksummer.of(ChecksumType.XXHASH);
    ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    try (FileChannel in = FileChannel.open(slice.file(), StandardOpenOption.READ)) {
      long remaining = slice.meta().sliceSize();
      long position = 0;
      while (remaining > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
        int n = in.read(buffer, position);
        if (n < 0) {
          return false;
        }
        checksummer.update(buffer.flip());
        position += n;
        remaining -= n;
      }
      return checksummer.finish().value().equals(slice.meta().sliceChecksum());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Removes the object's slices of generations up to {@code upTo} (all of them when null).
   *
   * @return how many were removed
   */
  int delete(Bucket bucket, String name, SliceMeta.Generation upTo) throws IOException {
    ReentrantLock lock = lockOf(name);
    lock.lock();
    try {
      int removed = 0;
      for (StoredSlice held : list(bucket, name)) {
        if (upTo == null || held.meta().generation().compareTo(upTo) <= 0) {
          if (Files.deleteIfExists(held.file())) {
            removed++;
          }
        }
      }
      Path dir = objectDir(bucket, name);
      try {
        Files.deleteIfExists(dir);
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        // a newer generation or a temp file of a write in progress
      }
      return removed;
    } finally {
      lock.unlock();
    }
  }

  /** Removes one damaged slice file (only that file, if it is still the one checked). */
  void discard(StoredSlice slice) {
    try {
      Files.deleteIfExists(slice.file());
      log.warn("removed damaged EC slice {} of {}", slice.meta().index(), slice.meta().name());
    } catch (IOException e) {
      log.warn("cannot remove damaged EC slice {}: {}", slice.file(), e.toString());
    }
  }

  /** Every slice held of a bucket's objects, on every mountpath (for re-placement). */
  void forEach(Bucket bucket, Consumer<StoredSlice> visitor) throws IOException {
    for (Mountpath mountpath : mountpaths.all()) {
      Path root = Fqn.contentDir(mountpath, bucket, CONTENT);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (var walk = Files.walk(root, 3)) {
        for (Path file : (Iterable<Path>) walk::iterator) {
          if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")
              && !root.relativize(file).getName(0).toString().equals(".work")) {
            readMeta(file).ifPresent(meta -> visitor.accept(new StoredSlice(file, meta)));
          }
        }
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** A temp file for slices in flight on the object's mountpath (parity being built, slices pulled). */
  Path tempFile(Bucket bucket, String name) throws IOException {
    Mountpath mountpath = mountpaths.forObject(bucket, name);
    Path dir = Fqn.contentDir(mountpath, bucket, CONTENT).resolve(".work");
    Files.createDirectories(dir);
    return dir.resolve(UUID.randomUUID().toString());
  }

  /** Removes temp files left by a crash; call before serving. */
  void cleanupWork(Iterable<Bucket> buckets) {
    for (Bucket bucket : buckets) {
      for (Mountpath mountpath : mountpaths.all()) {
        Path dir = Fqn.contentDir(mountpath, bucket, CONTENT).resolve(".work");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path file : files) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException e) {
          // none
        } catch (IOException e) {
          log.warn("cannot clean EC work files in {}: {}", dir, e.toString());
        }
      }
    }
  }

  private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = in.read(buffer, position);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      position += n;
    }
  }
}
