package io.jais.node.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * ZIP, by its central directory (sizes are known before any byte is read), members in the order
 * they lie in the file. Deflate cannot expand data more than about 1032 times: a member declaring
 * a larger size than that of its compressed bytes is a zip bomb (or garbage) and makes the whole
 * shard malformed; any member yields at most its declared size ({@link MemberContent}).
 */
final class ZipReader implements ArchiveReader {
  /** Deflate's largest possible expansion (258-byte matches of 1/4-bit codes), with some headroom. */
  private static final long MAX_RATIO = 1100;
  private static final long SMALL = 1 << 20;

  private final ZipFile zip;
  private final Enumeration<ZipArchiveEntry> entries;
  private final String what;

  private ZipReader(ZipFile zip, String what) {
    this.zip = zip;
    this.entries = zip.getEntriesInPhysicalOrder();
    this.what = what;
  }

  static ZipReader open(FileChannel channel, long size, String what) throws IOException {
    try {
      return new ZipReader(ZipFile.builder().setSeekableByteChannel(new ChannelSeekable(channel, size)).get(), what);
    } catch (IOException | RuntimeException e) {
      throw ArchiveReader.malformed(what, String.valueOf(e.getMessage()));
    }
  }

  @Override
  public Member next() throws IOException {
    while (entries.hasMoreElements()) {
      ZipArchiveEntry entry = entries.nextElement();
      if (entry.isDirectory() || entry.isUnixSymlink()) {
        continue;
      }
      String problem = MemberNames.problem(entry.getName());
      if (problem != null) {
        throw ArchiveReader.malformed(what, problem);
      }
      long size = entry.getSize();
      long compressed = entry.getCompressedSize();
      if (size < 0 || compressed < 0) {
        throw ArchiveReader.malformed(what, "member \"" + entry.getName() + "\" has no size in the central directory");
      }
      if (size > SMALL && size / MAX_RATIO > compressed) {
        throw ArchiveReader.malformed(what, "member \"" + entry.getName() + "\" claims " + size + " bytes from "
            + compressed + " compressed (a zip bomb?)");
      }
      if (!zip.canReadEntryData(entry)) {
        throw ArchiveReader.malformed(what, "member \"" + entry.getName() + "\" uses an unsupported compression or encryption");
      }
      try {
        return new Member(entry.getName(), size, Math.max(0, entry.getTime()),
            new MemberContent(zip.getInputStream(entry), size, null, what));
      } catch (IOException | RuntimeException e) {
        throw ArchiveReader.malformed(what, String.valueOf(e.getMessage()));
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    zip.close(); // closes the view, not the owner's channel
  }
}
