package io.jais.node.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open descriptor of an object file, shared by the {@link DescriptorCache} and every GET
 * sending from it: reference-counted, closed when the last holder releases it. Reads must be
 * positional ({@code sendfile} with an offset, {@link FileChannel#read(java.nio.ByteBuffer, long)}),
 * never through the channel's own position. The descriptor keeps showing the version it was
 * opened on after the object is replaced or deleted (the old inode lives on while it is open), so
 * a transfer in flight always sends one complete version.
 */
public final class SharedFile {
  private static final Logger log = LoggerFactory.getLogger(SharedFile.class);

  private final FileChannel channel;
  private final long openedAtNanos;
  private final AtomicInteger refs = new AtomicInteger(1);
  // what the layer above derived from the version this descriptor shows (e.g. its response
  // headers): valid exactly as long as the descriptor is, since every change drops the descriptor
  private volatile Object derived;

  /** Wraps a freshly opened channel; the creator holds the first reference. */
  SharedFile(FileChannel channel, long openedAtNanos) {
    this.channel = channel;
    this.openedAtNanos = openedAtNanos;
  }

  public FileChannel channel() {
    return channel;
  }

  /**
   * A value derived from the object version this descriptor shows, cached by the caller with
   * {@link #derive}; null until then. Every change of the object (content, custom metadata)
   * drops the descriptor, and with it this value.
   */
  public Object derived() {
    return derived;
  }

  /** Caches a value derived from this version (immutable, as concurrent GETs share it). */
  public void derive(Object value) {
    this.derived = value;
  }

  long openedAtNanos() {
    return openedAtNanos;
  }

  /** Takes one more reference unless the descriptor is already closed. */
  boolean retain() {
    for (int n = refs.get(); n > 0; n = refs.get()) {
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Gives one reference back; the last one closes the descriptor. */
  public void release() {
    int left = refs.decrementAndGet();
    if (left == 0) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing a shared object file failed", e);
      }
    } else if (left < 0) {
      throw new IllegalStateException("released more often than retained");
    }
  }

  boolean isOpen() {
    return refs.get() > 0;
  }
}
