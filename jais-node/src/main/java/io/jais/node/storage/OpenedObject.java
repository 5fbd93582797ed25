package io.jais.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An object opened for reading: its metadata and a channel positioned nowhere in particular (use
 * positional reads or {@code DefaultFileRegion}). The channel stays valid and keeps showing this
 * version's bytes even if the object is overwritten (renamed over) or deleted meanwhile: POSIX
 * keeps an unlinked inode alive while a descriptor refers to it. The caller closes it.
 */
public record OpenedObject(ObjectMeta meta, FileChannel channel, Mountpath mountpath) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    channel.close();
  }
}
