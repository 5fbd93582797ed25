package io.jais.node.transport;

import io.netty.channel.DefaultFileRegion;

/**
 * A file body on the wire: released, it runs the body's release instead of closing the channel
 * (which may be a shared descriptor). A {@link DefaultFileRegion} on purpose: the epoll transport
 * sends only that class with {@code sendfile}, at the region's own offsets.
 */
final class StreamFileRegion extends DefaultFileRegion {
  private final Runnable release;

  StreamFileRegion(Body.FileRange range) {
    super(range.channel(), range.position(), range.length());
    this.release = range.release();
  }

  @Override
  protected void deallocate() {
    release.run();
  }
}
