package io.jais.node.http;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A file region over a channel shared with other responses: released, it runs the owner's
 * release instead of closing the channel. A {@link DefaultFileRegion} on purpose: the epoll
 * transport sends only that class with {@code sendfile} (at the region's own offsets, so the
 * shared channel's position is never used).
 */
final class SharedFileRegion extends DefaultFileRegion {
  private final Runnable release;

  SharedFileRegion(FileChannel channel, long offset, long length, Runnable release) {
    super(channel, offset, length);
    this.release = release;
  }

  @Override
  protected void deallocate() {
    release.run();
  }
}
