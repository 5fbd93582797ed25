package io.jais.node.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The TAR family: plain, gzip-compressed and LZ4-framed TAR, read as one stream (PAX and GNU long
 * names included). Skipping a member of a plain TAR moves the file position only; a compressed
 * one is decompressed through, in a bounded buffer.
 */
final class TarReader implements ArchiveReader {
  private static final int BUFFER = 64 << 10;

  private final ChannelInput source;
  private final String what;
  private final ArchiveFormat format;
  private TarArchiveInputStream tar;

  TarReader(ArchiveFormat format, FileChannel channel, long size, String what) {
    this.format = format;
    this.source = new ChannelInput(channel, size);
    this.what = what;
  }

  @Override
  public Member next() throws IOException {
    try {
      if (tar == null) {
        tar = new BoundedNamesTarInput(decompressed());
      }
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (!entry.isFile()) {
          continue;
        }
        String problem = MemberNames.problem(entry.getName());
        if (problem != null) {
          throw ArchiveReader.malformed(what, problem);
        }
        if (entry.getSize() < 0) {
          throw ArchiveReader.malformed(what, "member \"" + entry.getName() + "\" has a negative size");
        }
        return new Member(entry.getName(), entry.getSize(), entry.getModTime().getTime(),
            new MemberContent(tar, entry.getSize(), source, what));
      }
      return null;
    } catch (IOException | RuntimeException e) {
      if (e instanceof io.jais.api.error.JaisException || source.diskFailed()) {
        throw e;
      }
      throw ArchiveReader.malformed(what, String.valueOf(e.getMessage()));
    }
  }

  private InputStream decompressed() throws IOException {
    InputStream raw = new BufferedInputStream(source, BUFFER);
    return switch (format) {
      case TGZ, TAR_GZ -> new GZIPInputStream(raw, BUFFER);
      case TAR_LZ4 -> new LZ4FrameInputStream(raw);
      default -> raw;
    };
  }

  @Override
  public void close() throws IOException {
    if (tar != null) {
      tar.close(); // the channel underneath is its owner's: ChannelInput's close does nothing
    }
  }

  /**
   * Commons Compress reads a GNU long-name entry whole into memory; a few-MB compressed shard can
   * declare one of gigabytes. Names longer than any file system allows are malformed here.
   */
  private static final class BoundedNamesTarInput extends TarArchiveInputStream {
    private static final long MAX_LONG_NAME = 64 << 10;

    BoundedNamesTarInput(java.io.InputStream in) {
      super(in);
    }

    @Override
    protected byte[] getLongNameData() throws IOException {
      TarArchiveEntry entry = getCurrentEntry();
      if (entry != null && entry.getSize() > MAX_LONG_NAME) {
        throw new java.util.zip.ZipException("a long-name entry of " + entry.getSize() + " bytes (at most "
            + MAX_LONG_NAME + ")");
      }
      return super.getLongNameData();
    }
  }
}
