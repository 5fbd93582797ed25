package io.jais.client;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body and whether it can be sent again after a redirect. Arrays and files can;
 * a caller's stream can only as long as no byte of it has been read, which is why streamed and
 * file uploads ask for {@code Expect: 100-continue} (see {@link Transport}).
 */
sealed interface RequestBody {
  /** Arrays at least this large are sent with {@code Expect: 100-continue}. */
  int LARGE = 64 * 1024;

  BodyPublisher publisher();

  /** Whether {@link #publisher()} may be called again and yield the same bytes. */
  boolean resendable();

  /** Whether the sender should wait for the server's interim reply before sending the bytes. */
  boolean expectContinue();

  /** The number of bytes the body will have, or -1 when not known in advance. */
  long length();

  static RequestBody empty() {
    return Empty.INSTANCE;
  }

  static RequestBody of(byte[] data) {
    return new Bytes(data);
  }

  static RequestBody of(Path file) {
    return new File(file);
  }

  static RequestBody of(InputStream stream, long length) {
    return new Stream(stream, length);
  }

  /** No body. */
  enum Empty implements RequestBody {
    INSTANCE;

    @Override public BodyPublisher publisher() {
      return BodyPublishers.noBody();
    }

    @Override public boolean resendable() {
      return true;
    }

    @Override public boolean expectContinue() {
      return false;
    }

    @Override public long length() {
      return 0;
    }
  }

  /** An in-memory body; not copied, so the caller must not change the array during the call. */
  record Bytes(byte[] data) implements RequestBody {
    @Override public BodyPublisher publisher() {
      return BodyPublishers.ofByteArray(data);
    }

    @Override public boolean resendable() {
      return true;
    }

    @Override public boolean expectContinue() {
      return data.length >= LARGE;
    }

    @Override public long length() {
      return data.length;
    }
  }

  /** A file, re-opened for every send. */
  record File(Path path) implements RequestBody {
    @Override public BodyPublisher publisher() {
      try {
        return BodyPublishers.ofFile(path);
      } catch (FileNotFoundException e) {
        throw new UncheckedIOException("cannot read " + path + ": no such file", e);
      }
    }

    @Override public boolean resendable() {
      return true;
    }

    @Override public boolean expectContinue() {
      return true;
    }

    @Override public long length() {
      try {
        return Files.size(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }

  /**
   * A caller's stream, read at most once and never buffered. With a known length exactly that
   * many bytes are sent (a shorter stream fails the call); length -1 sends it chunked.
   */
  final class Stream implements RequestBody {
    private final InputStream source;
    private final long declared;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile long sent;
    private volatile String failure;

    Stream(InputStream source, long declared) {
      this.source = source;
      this.declared = declared;
    }

    @Override public BodyPublisher publisher() {
      BodyPublisher publisher = BodyPublishers.ofInputStream(this::open);
      return declared < 0 ? publisher : BodyPublishers.fromPublisher(publisher, declared);
    }

    private InputStream open() {
      if (!opened.compareAndSet(false, true)) {
        throw new IllegalStateException("a streamed request body can be sent only once");
      }
      return new Counting();
    }

    @Override public boolean resendable() {
      return !opened.get();
    }

    @Override public boolean expectContinue() {
      return true;
    }

    @Override public long length() {
      return declared;
    }

    /** Bytes taken from the caller's stream so far. */
    long sent() {
      return sent;
    }

    /** Why the stream did not match its declared length, or null. */
    String failure() {
      return failure;
    }

    /** Counts bytes, stops at the declared length and reports a stream that ends early. */
    private final class Counting extends InputStream {
      @Override public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override public int read(byte[] buffer, int offset, int length) throws IOException {
        long left = declared < 0 ? Long.MAX_VALUE : declared - sent;
        if (left == 0) {
          return -1;
        }
        int n = source.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0 && declared >= 0) {
          failure = "the stream ended after " + sent + " of " + declared + " bytes";
          throw new EOFException(failure);
        }
        if (n > 0) {
          sent += n;
        }
        return n;
      }
    }
  }
}
