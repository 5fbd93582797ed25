package io.jais.node.archive;

import io.jais.api.batch.MossIn;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.ObjectService;
import java.io.IOException;
import java.io.InputStream;

/**
 * Entries (AIS's {@code MossIn}: get-batch items, archive job sources) read from this target's objects through the {@link ObjectService}: a whole object, a
 * byte range of it, a member of a shard, or a range of a member. Ranges follow AIS: {@code start}
 * with {@code length} -1 reads to the end; a range beyond the end is 416.
 */
public final class LocalEntries {
  private final ObjectService objects;

  public LocalEntries(ObjectService objects) {
    this.objects = objects;
  }

  /**
   * Opens an entry.
   *
   * @throws JaisException OBJECT_NOT_FOUND or NOT_FOUND (a missing member), RANGE_NOT_SATISFIABLE, BAD_ARCHIVE
   */
  public OpenEntry open(MossIn in, Bucket bucket, Caller caller) throws IOException {
    if (in.archpath().isEmpty()) {
      ObjectRead read = objects.get(bucket, in.objname(), caller);
      try {
        long[] range = range(in, read.meta().size());
        return new OpenEntry(range[1], read.meta().mtimeNanos() / 1_000_000, new ChannelInput(read.channel(), range[0], range[1]),
            false, read::close);
      } catch (RuntimeException e) {
        read.close();
        throw e;
      }
    }
    ShardFile shard = ShardFile.open(objects, bucket, in.objname(), caller);
    ArchiveReader reader = null;
    try {
      reader = shard.reader();
      String wanted = in.archpath().startsWith("/") ? in.archpath().substring(1) : in.archpath();
      for (ArchiveReader.Member member = reader.next(); member != null; member = reader.next()) {
        if (member.name().equals(wanted)) {
          long[] range = range(in, member.size());
          InputStream content = member.content();
          content.skipNBytes(range[0]);
          content = new Limited(content, range[1]);
          ArchiveReader opened = reader;
          return new OpenEntry(range[1], member.mtimeMillis(), content, false, () -> {
            try (shard) {
              opened.close();
            }
          });
        }
      }
      throw new JaisException(ErrorCode.NOT_FOUND, "file \"" + in.archpath() + "\" does not exist in archive "
          + shard.what());
    } catch (IOException | RuntimeException e) {
      try (shard) {
        if (reader != null) {
          reader.close();
        }
      }
      throw e;
    }
  }

  /** The first {@code left} bytes of a stream. */
  private static final class Limited extends java.io.FilterInputStream {
    private long left;

    Limited(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }
  }

  /** {offset, length} of the entry's range within {@code size} bytes (AIS {@code MossIn.CheckRange}). */
  public static long[] range(MossIn in, long size) {
    long start = in.start();
    long length = in.length();
    if (start == 0 && length == 0) {
      return new long[] {0, size};
    }
    if (length == -1) {
      if (start >= size) {
        throw unsatisfiable("start=" + start, size, in);
      }
      return new long[] {start, size - start};
    }
    if (length <= 0 || start >= size || length > size - start) {
      throw unsatisfiable("start=" + start + ",length=" + length, size, in);
    }
    return new long[] {start, length};
  }

  private static JaisException unsatisfiable(String range, long size, MossIn in) {
    return new JaisException(ErrorCode.RANGE_NOT_SATISFIABLE, "get-batch: range " + range + " not satisfiable for \""
        + in.objname() + (in.archpath().isEmpty() ? "" : "/" + in.archpath()) + "\" of size " + size);
  }
}
