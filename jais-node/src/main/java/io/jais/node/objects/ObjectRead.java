package io.jais.node.objects;

import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.SharedFile;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An object opened for a GET: the metadata of the version the channel shows and the channel to
 * send from, zero-copy. The channel is either a shared descriptor of the descriptor cache
 * ({@code shared} non-null: hand {@code shared::release} to whoever sends, read positionally only)
 * or a descriptor of its own ({@code shared} null: the sender closes it). {@link #close} gives it
 * back when the bytes are not sent after all; once handed to a sender, do not close it.
 */
public record ObjectRead(ObjectMeta meta, FileChannel channel, SharedFile shared) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    if (shared != null) {
      shared.release();
    } else {
      channel.close();
    }
  }
}
