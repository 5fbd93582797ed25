package io.jais.node.storage;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists {@link ObjectMeta} beside an object file: in the {@code user.jais.lom} extended
 * attribute when the filesystem supports it and the value fits, otherwise in a sidecar file under
 * {@code %md} written atomically (temp + rename).
 *
 * <p>Readers look at the attribute first and fall back to the sidecar, so a stale sidecar is
 * harmless as long as the attribute exists; writers remove the sidecar once an attribute is in
 * place. ext4 keeps all attributes of an inode in one 4 KiB block (4040 bytes measured), so
 * values over {@value #MAX_XATTR_BYTES} bytes go to the sidecar up front.
 *
 * <p>A value that fails to decode, or whose size disagrees with the file, is logged and reported
 * as absent: the object then reads as missing rather than with wrong attributes.
 */
final class LomStore {
  static final String XATTR = "jais.lom"; // the JDK adds the "user." namespace
  static final int MAX_XATTR_BYTES = 3584;
  private static final Logger log = LoggerFactory.getLogger(LomStore.class);

  private final boolean xattrs;

  /** @param xattrs false forces sidecars everywhere (tests; filesystems without user xattrs) */
  LomStore(boolean xattrs) {
    this.xattrs = xattrs;
  }

  /**
   * Writes the metadata of {@code file}.
   *
   * @return true when it went to the sidecar, false when to the attribute (the caller removes a
   *     stale sidecar once the file is at its final name)
   */
  boolean write(Path file, Fqn fqn, ObjectMeta meta) throws IOException {
    Path sidecar = fqn.sidecarPath();
    byte[] bytes = LomCodec.encode(meta, fqn.escaped() ? fqn.objectName() : "");
    if (xattrs && bytes.length <= MAX_XATTR_BYTES) {
      try {
        view(file).write(XATTR, ByteBuffer.wrap(bytes));
        return false;
      } catch (NoSuchFileException e) {
        throw e;
      } catch (UnsupportedOperationException | FileSystemException e) {
        log.debug("xattr write failed on {}, using a sidecar: {}", file, e.toString());
      }
    }
    writeSidecar(sidecar, bytes);
    removeXattr(file);
    return true;
  }

  /**
   * The metadata of the object's file; empty when the file or its metadata is missing or corrupt.
   *
   * @throws JaisException CONFLICT when the file is named by a hash of the name (escaped) and holds another
   *     object whose name has the same hash: nothing may read, overwrite or delete it as this one
   */
  Optional<ObjectMeta> read(Fqn fqn) throws IOException {
    Optional<LomCodec.Stored> stored = readStored(fqn.path(), fqn.sidecarPath());
    if (stored.isPresent() && fqn.escaped() && !stored.get().name().equals(fqn.objectName())) {
      throw new JaisException(ErrorCode.CONFLICT, "object " + fqn.bucket().uri() + "/" + fqn.objectName()
          + ": its escaped name hashes to the file " + fqn.path().getFileName() + " that holds another object, "
          + stored.get().name() + " (hash collision: refusing to read, overwrite or delete it)");
    }
    return stored.map(LomCodec.Stored::meta);
  }

  /**
   * The metadata and stored name (empty unless the file is named by a hash) of {@code file}; empty
   * when the file or its metadata is missing or corrupt.
   */
  Optional<LomCodec.Stored> readStored(Path file, Path sidecar) throws IOException {
    try {
      byte[] bytes = xattrs ? readXattr(file) : null;
      if (bytes == null) {
        bytes = readSidecar(sidecar);
      }
      if (bytes == null) {
        return Optional.empty();
      }
      LomCodec.Stored stored = LomCodec.decodeStored(bytes);
      ObjectMeta meta = stored.meta();
      long fileSize = Files.size(file);
      if (fileSize != meta.size()) {
        log.warn("object {} has {} bytes but its metadata says {}: treating it as missing",
            file, fileSize, meta.size());
        return Optional.empty();
      }
      return Optional.of(stored);
    } catch (LomCodec.CorruptLomException e) {
      log.warn("corrupt metadata of object {}: {}; treating it as missing", file, e.getMessage());
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * What the metadata of {@code file} says and whether it is sound, for maintenance jobs: unlike
   * {@link #readStored}, tells a missing value from a corrupt one and from a size mismatch, and
   * never logs.
   */
  StoreMaintenance.Inspection inspect(Path file, Path sidecar) throws IOException {
    byte[] bytes;
    try {
      bytes = xattrs ? readXattr(file) : null;
      if (bytes == null) {
        bytes = readSidecar(sidecar);
      }
    } catch (NoSuchFileException e) {
      return StoreMaintenance.Inspection.of(StoreMaintenance.Health.GONE, "file removed meanwhile");
    }
    if (bytes == null) {
      return StoreMaintenance.Inspection.of(StoreMaintenance.Health.NO_METADATA, "no metadata");
    }
    try {
      LomCodec.Stored stored = LomCodec.decodeStored(bytes);
      long fileSize = Files.size(file);
      if (fileSize != stored.meta().size()) {
        return new StoreMaintenance.Inspection(stored.meta(), stored.name(), StoreMaintenance.Health.SIZE_MISMATCH,
            "file has " + fileSize + " bytes, metadata says " + stored.meta().size());
      }
      return new StoreMaintenance.Inspection(stored.meta(), stored.name(), StoreMaintenance.Health.OK, "");
    } catch (LomCodec.CorruptLomException e) {
      return StoreMaintenance.Inspection.of(StoreMaintenance.Health.CORRUPT_METADATA, "corrupt metadata: " + e.getMessage());
    } catch (NoSuchFileException e) {
      return StoreMaintenance.Inspection.of(StoreMaintenance.Health.GONE, "file removed meanwhile");
    }
  }

  /**
   * As {@link #readStored}, for a listing: the attribute of {@code file} in one system call
   * through {@code reader}, without comparing the file's size (an attribute is renamed into place
   * with its file's content, so they cannot disagree unless the file is changed by hand, which GET
   * notices); when there is no attribute, the sidecar of {@code fqn} (made only then), with the
   * size check.
   */
  Optional<LomCodec.Stored> readListed(String file, Supplier<Fqn> fqn, NativeFs.XattrReader reader)
      throws IOException {
    if (xattrs && reader != null && NativeFs.available()) {
      byte[] bytes;
      try {
        bytes = reader.read(file);
      } catch (NoSuchFileException e) {
        return Optional.empty(); // deleted while listed
      }
      if (bytes != null) {
        try {
          return Optional.of(LomCodec.decodeStored(bytes));
        } catch (LomCodec.CorruptLomException e) {
          log.warn("corrupt metadata of object {}: {}; treating it as missing", file, e.getMessage());
          return Optional.empty();
        }
      }
    }
    Fqn located = fqn.get();
    return readStored(located.path(), located.sidecarPath());
  }

  /** Removes the sidecar of an object, if any. */
  void deleteSidecar(Path sidecar) throws IOException {
    Files.deleteIfExists(sidecar);
  }

  private byte[] readXattr(Path file) throws IOException {
    try {
      UserDefinedFileAttributeView view = view(file);
      ByteBuffer buffer = ByteBuffer.allocate(view.size(XATTR));
      view.read(XATTR, buffer);
      return buffer.array();
    } catch (NoSuchFileException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      return null; // ENODATA (no such attribute) or no xattr support: try the sidecar
    }
  }

  private static byte[] readSidecar(Path sidecar) throws IOException {
    try {
      return Files.readAllBytes(sidecar);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      // a directory there, or a file where a directory of the path should be: the plain path of a
      // name whose object is escaped (a/b beside a/b/c), not a failing disk
      if (!Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      throw e;
    }
  }

  private static void writeSidecar(Path sidecar, byte[] bytes) throws IOException {
    Files.createDirectories(sidecar.getParent());
    // a short temp name: the sidecar name itself may already be at the 255-byte component limit
    Path temp = sidecar.resolveSibling("%tmp-" + UUID.randomUUID());
    try {
      Files.write(temp, bytes);
      Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void removeXattr(Path file) {
    if (!xattrs) {
      return;
    }
    try {
      view(file).delete(XATTR);
    } catch (IOException | UnsupportedOperationException e) {
      // absent attribute or no support: nothing to remove
    }
  }

  private static UserDefinedFileAttributeView view(Path file) {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      throw new UnsupportedOperationException("no user xattrs on " + file);
    }
    return view;
  }
}
