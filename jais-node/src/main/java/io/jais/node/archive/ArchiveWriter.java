package io.jais.node.archive;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a shard to a stream, member after member, never holding a member in memory: each is
 * copied from its stream with its size declared first (TAR headers and ZIP's data descriptors need
 * nothing else). {@link #flush} pushes what is written so far through the compressor, so a reader
 * at the other end of a network stream gets each member as soon as it is added. {@link #finish}
 * writes the trailer; neither closes the underlying stream.
 *
 * <p>TAR members get POSIX (PAX) headers for long names and sizes beyond 8 GiB, mode 0644;
 * ZIP members are deflated.
 */
public abstract sealed class ArchiveWriter implements Closeable {
  private static final int COPY_BUFFER = 64 << 10;

  private final byte[] buffer = new byte[COPY_BUFFER];

  /** A writer of {@code format} onto {@code out} (left open by {@link #finish} and {@link #close}). */
  public static ArchiveWriter create(ArchiveFormat format, OutputStream out) throws IOException {
    OutputStream shielded = new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
    return switch (format) {
      case ZIP -> new Zip(shielded);
      case TGZ, TAR_GZ -> new Tar(new GZIPOutputStream(shielded, COPY_BUFFER, true));
      case TAR_LZ4 -> new Tar(new LZ4FrameOutputStream(shielded));
      case TAR -> new Tar(shielded);
    };
  }

  /**
   * Adds a member of {@code size} bytes read from {@code data}.
   *
   * @throws java.io.EOFException when {@code data} ends before {@code size} bytes (the shard is then unusable)
   */
  public abstract void add(String name, long size, long mtimeMillis, InputStream data) throws IOException;

  /** Pushes everything added so far to the underlying stream. */
  public abstract void flush() throws IOException;

  /** Writes the end of the shard. */
  public abstract void finish() throws IOException;

  final void copy(InputStream data, OutputStream out, long size, String name) throws IOException {
    long left = size;
    while (left > 0) {
      int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new java.io.EOFException("member " + name + " ended " + left + " bytes before its size " + size);
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  static final class Tar extends ArchiveWriter {
    private final OutputStream compressed;
    private final TarArchiveOutputStream tar;
    private boolean finished;

    Tar(OutputStream compressed) {
      this.compressed = compressed;
      this.tar = new TarArchiveOutputStream(compressed, COPY_BUFFER);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    @Override
    public void add(String name, long size, long mtimeMillis, InputStream data) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(size);
      entry.setModTime(mtimeMillis);
      entry.setMode(0100644);
      tar.putArchiveEntry(entry);
      copy(data, tar, size, name);
      tar.closeArchiveEntry();
    }

    @Override
    public void flush() throws IOException {
      tar.flush();
    }

    @Override
    public void finish() throws IOException {
      if (!finished) {
        finished = true;
        tar.finish();
        tar.close(); // ends the compressor's frame; the underlying stream stays open
      }
    }

    @Override
    public void close() throws IOException {
      compressed.flush();
    }
  }

  static final class Zip extends ArchiveWriter {
    private final ZipArchiveOutputStream zip;
    private boolean finished;

    Zip(OutputStream out) {
      this.zip = new ZipArchiveOutputStream(out);
      zip.setMethod(ZipArchiveOutputStream.DEFLATED);
    }

    @Override
    public void add(String name, long size, long mtimeMillis, InputStream data) throws IOException {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setSize(size);
      entry.setTime(mtimeMillis);
      entry.setUnixMode(0100644);
      zip.putArchiveEntry(entry);
      copy(data, zip, size, name);
      zip.closeArchiveEntry();
    }

    @Override
    public void flush() throws IOException {
      zip.flush();
    }

    @Override
    public void finish() throws IOException {
      if (!finished) {
        finished = true;
        zip.finish();
        zip.close();
      }
    }

    @Override
    public void close() throws IOException {
      zip.flush();
    }
  }
}
