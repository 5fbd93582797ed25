package io.jais.node.storage;

import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A temporary file in a bucket's {@code %wk} directory where an object is assembled before it is
 * renamed over its final name. Until {@link #committed()} is called, {@link #close()} deletes it,
 * so every failure path leaves nothing behind.
 */
final class WorkFile implements AutoCloseable {
  /** Workfiles an instance of this process has open: in-flight writes, which cleanup must not touch. */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final Path path;
  private FileChannel channel;
  private boolean committed;

  private WorkFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
    OPEN.add(path);
  }

  /** True while a write of this process holds the workfile open. */
  static boolean isOpen(Path path) {
    return OPEN.contains(path);
  }

  /**
   * Creates a new, uniquely named workfile. The bucket's work directory is made when missing,
   * but never its mountpath: a mountpath whose root is gone is a lost disk (see the health
   * checker), and recreating it would write objects onto whatever filesystem holds its parent.
   */
  static WorkFile create(Path workDir) throws IOException {
    if (!Files.isDirectory(workDir)) {
      Path root = mountpathRoot(workDir);
      if (root != null && !Files.isDirectory(root)) {
        throw new java.nio.file.NoSuchFileException(root.toString(), null, "mountpath is gone");
      }
      Files.createDirectories(workDir);
    }
    Path path = workDir.resolve(UUID.randomUUID().toString());
    return new WorkFile(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ));
  }

  /** The mountpath of a bucket's directory: the parent of its {@code @<provider>} ancestor. */
  private static Path mountpathRoot(Path dir) {
    for (Path current = dir; current != null; current = current.getParent()) {
      Path name = current.getFileName();
      if (name != null && name.toString().startsWith("@")) { // bucket and namespace names never start with @
        return current.getParent();
      }
    }
    return null;
  }

  /** Re-opens an existing workfile (an append session) for appending. */
  static WorkFile reopen(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
    channel.position(channel.size());
    return new WorkFile(path, channel);
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  /**
   * Writes the whole body at the current position, feeding every checksummer. Each buffer is
   * released as soon as it is written.
   *
   * @return the number of bytes written
   * @throws EOFException when fewer bytes arrived than the body declared
   */
  long write(ByteBufSource body, List<Checksummer> checksummers) throws IOException {
    long written = 0;
    for (ByteBuf chunk = body.next(); chunk != null; chunk = body.next()) {
      try {
        written += writeChunk(chunk, checksummers);
      } finally {
        chunk.release();
      }
    }
    long declared = body.declaredLength();
    if (declared >= 0 && declared != written) {
      throw new EOFException("body has " + written + " bytes, declared " + declared);
    }
    return written;
  }

  private long writeChunk(ByteBuf chunk, List<Checksummer> checksummers) throws IOException {
    int length = chunk.readableBytes();
    if (length == 0) {
      return 0;
    }
    // internalNioBuffer reuses the buffer's own view (no allocation) when it has a single component
    if (chunk.nioBufferCount() == 1) {
      ByteBuffer buffer = chunk.internalNioBuffer(chunk.readerIndex(), length);
      checksum(buffer, checksummers);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } else {
      // a batch of socket reads (RequestBody hands over all it has queued): one gathering write
      ByteBuffer[] parts = chunk.nioBuffers();
      for (ByteBuffer part : parts) {
        checksum(part, checksummers);
      }
      for (long left = length; left > 0; ) {
        left -= channel.write(parts);
      }
    }
    return length;
  }

  private static void checksum(ByteBuffer buffer, List<Checksummer> checksummers) {
    for (Checksummer checksummer : checksummers) {
      checksummer.update(buffer);
    }
  }

  /** Copies {@code length} bytes of another file to the end of this one. */
  void copyFrom(FileChannel source, long length) throws IOException {
    long done = 0;
    while (done < length) {
      long n = source.transferTo(done, length - done, channel);
      if (n <= 0) {
        throw new EOFException("source ended after " + done + " of " + length + " bytes");
      }
      done += n;
    }
  }

  /** Computes a checksum over the whole file. */
  Checksum checksum(ChecksumType type) throws IOException {
    return Checksummer.compute(type, channel);
  }

  long size() throws IOException {
    return channel.size();
  }

  void fsync() throws IOException {
    channel.force(true);
  }

  /** Closes the channel but keeps the file: it is about to be renamed or kept for more appends. */
  void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** The file was renamed to its final name (or is kept on purpose): close must not delete it. */
  void committed() {
    committed = true;
  }

  @Override
  public void close() throws IOException {
    try {
      closeChannel();
    } finally {
      try {
        if (!committed) {
          Files.deleteIfExists(path);
        }
      } finally {
        OPEN.remove(path);
      }
    }
  }
}
