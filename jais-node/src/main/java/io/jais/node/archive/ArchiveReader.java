package io.jais.node.archive;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;

/**
 * The regular files of a shard, one after the other, in the order the shard holds them
 * (directories, links and other special entries are skipped). Reads from a file channel by
 * position and never holds more than a decoder's buffers in memory, whatever the shard's size.
 *
 * <p>A shard that cannot be read as its format (a bad header, a truncated body, a member whose
 * name escapes the shard, a ZIP member claiming a size its compressed data cannot hold) fails with
 * {@link ErrorCode#BAD_ARCHIVE} (400); a failing disk with a plain {@link IOException}.
 */
public interface ArchiveReader extends Closeable {
  /**
   * One member: its name in the shard, its size, and its bytes (exactly {@code size} of them;
   * readable until the next call of {@link #next}).
   */
  record Member(String name, long size, long mtimeMillis, InputStream content) {}

  /** The next regular file, or null after the last one. */
  Member next() throws IOException;

  /** The shard's members as a reader over {@code channel} (its first {@code size} bytes); {@code what} names it in errors. */
  static ArchiveReader open(ArchiveFormat format, FileChannel channel, long size, String what) throws IOException {
    return format == ArchiveFormat.ZIP ? ZipReader.open(channel, size, what) : new TarReader(format, channel, size, what);
  }

  /** The 400 of a shard that is not what its format says. */
  static JaisException malformed(String what, String why) {
    return new JaisException(ErrorCode.BAD_ARCHIVE, what + ": not a readable archive: " + why);
  }
}
