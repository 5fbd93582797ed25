package io.jais.node.archive;

import io.jais.api.error.JaisException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A member's bytes as the shard declares them: exactly {@code size} bytes. Fewer (a truncated
 * shard) or a decoder error make the shard malformed (400); more are never read, so a member that
 * decompresses beyond its declared size cannot fill memory or disk. A failure of the disk under the
 * decoder stays an {@link IOException}.
 */
final class MemberContent extends InputStream {
  private final InputStream in;
  private final ChannelInput source;
  private final String what;
  private long left;

  MemberContent(InputStream in, long size, ChannelInput source, String what) {
    this.in = in;
    this.left = size;
    this.source = source;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (left <= 0) {
      return -1;
    }
    int n;
    try {
      n = in.read(bytes, offset, (int) Math.min(length, left));
    } catch (IOException | RuntimeException e) {
      if (e instanceof JaisException || source != null && source.diskFailed()) {
        throw e;
      }
      throw ArchiveReader.malformed(what, String.valueOf(e.getMessage()));
    }
    if (n < 0) {
      throw ArchiveReader.malformed(what, "truncated (a member ends " + left + " bytes early)");
    }
    left -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    byte[] buffer = new byte[8192];
    while (skipped < n && left > 0) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() {
    return 0;
  }
}
