package io.jais.node.archive;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A shard opened for reading through the {@link ObjectService} (so a read gets what every GET
 * gets: checksum validation, misplaced copies pulled, restorers), with its format: by its name,
 * else by its first bytes. Close it when done (it holds the object's descriptor).
 */
public final class ShardFile implements AutoCloseable {
  private final ObjectRead read;
  private final ArchiveFormat format;
  private final String what;

  private ShardFile(ObjectRead read, ArchiveFormat format, String what) {
    this.read = read;
    this.format = format;
    this.what = what;
  }

  /**
   * Opens a shard.
   *
   * @throws JaisException OBJECT_NOT_FOUND; BAD_ARCHIVE when neither its name nor its content says an archive format
   */
  public static ShardFile open(ObjectService objects, Bucket bucket, String name, Caller caller) throws IOException {
    ObjectRead read = objects.get(bucket, name, caller);
    String what = bucket.uri() + "/" + name;
    try {
      Optional<ArchiveFormat> format = ArchiveFormat.byName(name);
      if (format.isEmpty()) {
        byte[] head = new byte[ArchiveFormat.DETECT_BYTES];
        int n = readHead(read, head);
        format = ArchiveFormat.detect(head, n);
      }
      return new ShardFile(read, format.orElseThrow(() -> new JaisException(ErrorCode.BAD_ARCHIVE, what
          + " is not an archive: its name has no archive extension (.tar, .tgz, .tar.gz, .zip, .tar.lz4)"
          + " and its content is none of these formats")), what);
    } catch (IOException | RuntimeException e) {
      read.close();
      throw e;
    }
  }

  private static int readHead(ObjectRead read, byte[] head) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(head, 0, (int) Math.min(head.length, read.meta().size()));
    while (buffer.hasRemaining()) {
      if (read.channel().read(buffer, buffer.position()) < 0) {
        break;
      }
    }
    return buffer.position();
  }

  public ArchiveFormat format() {
    return format;
  }

  public ObjectMeta meta() {
    return read.meta();
  }

  /** {@code ais://bucket/shard}, for messages. */
  public String what() {
    return what;
  }

  /** A reader of the members from the first; several may be made, one after the other. */
  public ArchiveReader reader() throws IOException {
    return ArchiveReader.open(format, read.channel(), read.meta().size(), what);
  }

  @Override
  public void close() throws IOException {
    read.close();
  }
}
