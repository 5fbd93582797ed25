package io.jais.node.archive;

import java.io.Closeable;
import java.io.InputStream;

/**
 * One entry (an object, a range, a shard member) ready to be copied into an archive: exactly {@code size} bytes from
 * {@code content}. Close it when copied, or when the batch ends without copying it.
 *
 * @param remote true when the bytes come from another target
 */
public record OpenEntry(long size, long mtimeMillis, InputStream content, boolean remote, Closeable resources)
    implements Closeable {
  @Override
  public void close() {
    try {
      resources.close();
    } catch (java.io.IOException e) {
      // nothing is read from it any more; a failed close loses nothing
    }
  }
}
