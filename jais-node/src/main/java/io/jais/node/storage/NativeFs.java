package io.jais.node.storage;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two file-system calls a listing makes, without the JDK's extra work: a directory read
 * ({@code getdents64}, 64 KiB of entries a call) that keeps each entry's type ({@code d_type}, so telling files from directories needs no
 * {@code stat}), and one {@code lgetxattr} for an object's metadata (the JDK opens the file, asks
 * the size, reads, closes: five system calls). Both through the Foreign Function API on 64-bit
 * Linux with glibc; elsewhere, or when the calls cannot be linked, they fall back to
 * {@code java.nio.file} (a {@code stat} per entry), which is correct, only slower.
 *
 * <p><b>Implementation notes.</b> {@code struct linux_dirent64} is {@code d_ino} (8),
 * {@code d_off} (8), {@code d_reclen} (2), {@code d_type} (1), then the NUL-terminated name at
 * offset 19, records {@code d_reclen} apart. {@code getdents64} rather than {@code readdir}:
 * {@code readdir} reports errors only through an errno it does not clear at the end of the
 * stream, which a captured errno cannot tell from a stale one. Downcalls pin a virtual thread's
 * carrier for their duration: each is one short system call. File names are the UTF-8 bytes of object names
 * ({@link ObjectName#plain} keeps non-UTF-8 file-name encodings away from plain paths).
 */
final class NativeFs {
  private static final Logger log = LoggerFactory.getLogger(NativeFs.class);
  private static final int DT_UNKNOWN = 0;
  private static final int DT_DIR = 4;
  private static final int DT_REG = 8;
  private static final long D_RECLEN_OFFSET = 16;
  private static final long D_TYPE_OFFSET = 18;
  private static final long D_NAME_OFFSET = 19;
  private static final int ENOENT = 2;
  private static final int ENOTDIR = 20;
  private static final int ERANGE = 34;
  /** A directory entry's name is at most 255 bytes plus NUL. */
  private static final long DIRENT_BYTES = D_NAME_OFFSET + 256;

  /** {@code O_RDONLY | O_DIRECTORY | O_CLOEXEC}. */
  private static final int OPEN_FLAGS;
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final MethodHandle OPEN;
  private static final MethodHandle GETDENTS;
  private static final MethodHandle CLOSE;
  private static final MethodHandle LGETXATTR;
  private static final MemoryLayout CALL_STATE;
  private static final VarHandle ERRNO;
  private static final boolean AVAILABLE;

  static {
    MethodHandle open = null;
    MethodHandle getdents = null;
    MethodHandle close = null;
    MethodHandle lgetxattr = null;
    MemoryLayout callState = null;
    VarHandle errno = null;
    boolean available = false;
    String arch = System.getProperty("os.arch", "");
    if (System.getProperty("os.name", "").equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
      try {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errnoOption = Linker.Option.captureCallState("errno");
        callState = Linker.Option.captureStateLayout();
        errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        // open(2) is variadic (mode): called with its two fixed arguments only, as C does
        open = linker.downcallHandle(libc.find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errnoOption);
        getdents = linker.downcallHandle(libc.find("getdents64").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_LONG), errnoOption);
        close = linker.downcallHandle(libc.find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        lgetxattr = linker.downcallHandle(libc.find("lgetxattr").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), errnoOption);
        available = true;
      } catch (RuntimeException | LinkageError e) {
        log.info("native directory and xattr calls unavailable, using java.nio.file: {}", e.toString());
      }
    }
    OPEN = open;
    GETDENTS = getdents;
    CLOSE = close;
    OPEN_FLAGS = 02000000 | (arch.equals("aarch64") ? 040000 : 0200000);
    LGETXATTR = lgetxattr;
    CALL_STATE = callState;
    ERRNO = errno;
    AVAILABLE = available;
  }

  private NativeFs() {}

  /** Whether the native calls are in use (else the {@code java.nio.file} fallbacks). */
  static boolean available() {
    return AVAILABLE;
  }

  /**
   * The names of a directory's regular files and subdirectories as UTF-8 bytes, a directory's
   * with {@code /} appended (its sort key); symlinks and other types are left out. In no order.
   *
   * @throws NoSuchFileException when the directory does not exist or is not a directory
   */
  static List<byte[]> readDir(Path dir) throws IOException {
    return AVAILABLE ? readDirNative(dir) : readDirNio(dir);
  }

  private static List<byte[]> readDirNative(Path dir) throws IOException {
    List<byte[]> names = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(dir.toString()), OPEN_FLAGS);
      if (fd < 0) {
        int error = (int) ERRNO.get(state, 0L);
        if (error == ENOENT || error == ENOTDIR) {
          throw new NoSuchFileException(dir.toString());
        }
        throw new FileSystemException(dir.toString(), null, "open failed: errno " + error);
      }
      try {
        MemorySegment buffer = arena.allocate(BUFFER_BYTES, 8);
        while (true) {
          long read = (long) GETDENTS.invokeExact(state, fd, buffer, (long) BUFFER_BYTES);
          if (read == 0) {
            return names;
          }
          if (read < 0) {
            int error = (int) ERRNO.get(state, 0L);
            if (error == ENOENT) {
              throw new NoSuchFileException(dir.toString()); // removed while read
            }
            throw new FileSystemException(dir.toString(), null, "getdents64 failed: errno " + error);
          }
          for (long offset = 0; offset < read; ) {
            MemorySegment entry = buffer.asSlice(offset, Math.min(DIRENT_BYTES, read - offset));
            offset += Short.toUnsignedInt(entry.get(ValueLayout.JAVA_SHORT_UNALIGNED, D_RECLEN_OFFSET));
            add(names, dir, entry);
          }
        }
      } finally {
        int ignored = (int) CLOSE.invokeExact(fd);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(List<byte[]> names, Path dir, MemorySegment entry) throws IOException {
    byte[] name = name(entry);
    if (name == null) {
      return; // "." and ".."
    }
    int type = entry.get(ValueLayout.JAVA_BYTE, D_TYPE_OFFSET);
    if (type == DT_UNKNOWN) {
      type = typeByStat(dir.resolve(new String(name, StandardCharsets.UTF_8)));
    }
    if (type == DT_REG) {
      names.add(name);
    } else if (type == DT_DIR) {
      byte[] key = Arrays.copyOf(name, name.length + 1);
      key[name.length] = '/';
      names.add(key);
    }
  }

  /** The entry's name bytes, or null for {@code .} and {@code ..}. */
  private static byte[] name(MemorySegment entry) {
    int length = 0;
    long max = Math.min(256, entry.byteSize() - D_NAME_OFFSET);
    while (length < max && entry.get(ValueLayout.JAVA_BYTE, D_NAME_OFFSET + length) != 0) {
      length++;
    }
    if (length <= 2 && entry.get(ValueLayout.JAVA_BYTE, D_NAME_OFFSET) == '.'
        && (length == 1 || entry.get(ValueLayout.JAVA_BYTE, D_NAME_OFFSET + 1) == '.')) {
      return null;
    }
    byte[] name = new byte[length];
    MemorySegment.copy(entry, ValueLayout.JAVA_BYTE, D_NAME_OFFSET, name, 0, length);
    return name;
  }

  /** For file systems that leave {@code d_type} unknown. */
  private static int typeByStat(Path entry) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory() ? DT_DIR : attributes.isRegularFile() ? DT_REG : DT_UNKNOWN;
    } catch (NoSuchFileException e) {
      return DT_UNKNOWN; // removed meanwhile
    }
  }

  private static List<byte[]> readDirNio(Path dir) throws IOException {
    List<byte[]> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        byte[] name = entry.getFileName().toString().getBytes(StandardCharsets.UTF_8);
        int type = typeByStat(entry);
        if (type == DT_REG) {
          names.add(name);
        } else if (type == DT_DIR) {
          byte[] key = Arrays.copyOf(name, name.length + 1);
          key[name.length] = '/';
          names.add(key);
        }
      }
    } catch (NotDirectoryException e) {
      throw new NoSuchFileException(dir.toString());
    }
    return names;
  }

  /**
   * Reads extended attributes with one system call each, reusing native buffers; one per thread
   * at a time (a listing page). Close it to free the buffers.
   */
  static final class XattrReader implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state;
    private final MemorySegment attribute;
    private final MemorySegment path;
    private MemorySegment value;

    XattrReader(String attributeName) {
      this.state = AVAILABLE ? arena.allocate(CALL_STATE) : null;
      this.attribute = arena.allocateFrom(attributeName);
      this.path = arena.allocate(4097);
      this.value = arena.allocate(LomStore.MAX_XATTR_BYTES + 512);
    }

    /**
     * The attribute's value, or null when the file has none (or the file system keeps none).
     *
     * @throws NoSuchFileException when the file is gone
     */
    byte[] read(String file) throws IOException {
      if (!AVAILABLE) {
        return null; // the caller's java.nio.file path reads it
      }
      byte[] pathBytes = file.getBytes(StandardCharsets.UTF_8);
      if (pathBytes.length >= path.byteSize()) {
        return null;
      }
      MemorySegment.copy(pathBytes, 0, path, ValueLayout.JAVA_BYTE, 0, pathBytes.length);
      path.set(ValueLayout.JAVA_BYTE, pathBytes.length, (byte) 0);
      for (int attempt = 0; attempt < 2; attempt++) {
        long length;
        try {
          length = (long) LGETXATTR.invokeExact(state, path, attribute, value, value.byteSize());
        } catch (Throwable e) {
          throw new IllegalStateException(e);
        }
        if (length >= 0) {
          return value.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }
        int error = (int) ERRNO.get(state, 0L);
        if (error == ENOENT || error == ENOTDIR) {
          throw new NoSuchFileException(file);
        }
        if (error != ERANGE) {
          return null; // ENODATA, ENOTSUP: no attribute (the caller tries the sidecar)
        }
        value = arena.allocate(value.byteSize() * 16); // larger than we ever write: read it anyway
      }
      return null;
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
