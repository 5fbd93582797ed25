package io.jais.node.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes files as a gzip-compressed POSIX ({@code ustar}) tar stream, what {@code tar xzf} reads:
 * the archive AIS serves for {@code what=log&all=true}. Just enough tar for flat regular files with
 * names of up to 100 bytes (log file names).
 *
 * <p>Implementation notes: a log file may grow (or rotate away) while it is archived, so each entry
 * holds exactly the size it had when its header was written: later bytes are left out, missing ones
 * are zero-filled, and the archive stays well-formed.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** Writes {@code files} (by their file names) to {@code out}, then finishes the gzip stream. */
  static void write(List<Path> files, OutputStream out) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
    byte[] buffer = new byte[64 * 1024];
    for (Path file : files) {
      long size;
      long mtime;
      try {
        size = Files.size(file);
        mtime = Files.getLastModifiedTime(file).toMillis() / 1000;
      } catch (NoSuchFileException e) {
        continue; // rotated away since it was listed
      }
      gzip.write(header(file.getFileName().toString(), size, mtime));
      long left = size;
      try (InputStream in = Files.newInputStream(file)) {
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            break;
          }
          gzip.write(buffer, 0, n);
          left -= n;
        }
      } catch (NoSuchFileException e) {
        // rotated away between the header and the read: zeros below keep the entry's size
      }
      Arrays.fill(buffer, (byte) 0);
      while (left > 0) {
        int n = (int) Math.min(buffer.length, left);
        gzip.write(buffer, 0, n);
        left -= n;
      }
      int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
      gzip.write(new byte[pad]);
    }
    gzip.write(new byte[2 * BLOCK]); // end of archive
    gzip.finish();
  }

  /** A {@code ustar} header for a regular file (mode 0644, owner 0). */
  static byte[] header(String name, long size, long mtimeSeconds) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtimeSeconds);
    Arrays.fill(h, 148, 156, (byte) ' '); // the checksum counts its own field as spaces
    h[156] = '0'; // regular file
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum); // six digits and a NUL, then the space already there
    return h;
  }

  // a zero-padded octal number filling the field but its last byte, which stays NUL
  private static void octal(byte[] h, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("tar field overflow: " + value);
    }
    put(h, offset, "0".repeat(length - 1 - digits.length()) + digits);
  }

  private static void put(byte[] h, int offset, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }
}
