package io.jais.loader;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, used by one worker thread at a time: a blocking socket,
 * a request written in one go, a response parsed from an own buffer. Only what the loader needs
 * (Content-Length or chunked bodies, {@code Location}, {@code Connection: close}, 100-continue).
 *
 * <p>Why not the JDK {@code HttpClient}: measured on this 2-core machine, 16 KiB GETs through
 * the proxy's redirect, 8 workers, the JDK client used ~1.6 cores for 1,400 ops/s and was the
 * bottleneck (its selector thread and executor hand-offs per exchange); a blocking socket per
 * worker does the same work in a fraction of the CPU, as Go's {@code net/http} does for aisloader.
 *
 * <p>No {@code SO_TIMEOUT}: with one, the JDK puts the socket in non-blocking mode and every read
 * that would block costs a failed {@code read}, a {@code poll} and the {@code read} again; without,
 * a read is one blocking system call (measured: see docs/performance.md). The per-request timeout
 * is a deadline instead, enforced by {@link Watchdog}, which closes a connection whose request
 * overran it.
 *
 * <p>A blocking {@link SocketChannel} rather than a {@code Socket}: PUT bodies go out of
 * {@link Content}'s direct pattern buffer as they are, with the head in the same gathering write;
 * the socket streams copied every body through a temporary direct buffer, 128 KiB per system
 * call (measured: see docs/performance.md).
 */
final class HttpConnection implements AutoCloseable {
  private static final int BUFFER = 64 << 10;

  final String hostPort;
  private final SocketChannel channel;
  private final byte[] buf = new byte[BUFFER];
  private final ByteBuffer readInto = ByteBuffer.wrap(buf);
  /** The head and the body piece of one gathering write. */
  private final ByteBuffer[] headAndPiece = new ByteBuffer[2];
  private int pos;
  private int limit;
  private final long timeoutNanos;
  private boolean broken;
  /** When the request in flight times out; 0 while idle. Written by the worker, read by the watchdog. */
  private volatile long deadline;
  private volatile boolean timedOut;

  HttpConnection(String host, int port, int timeoutMillis) throws IOException {
    this.hostPort = host + ":" + port;
    this.timeoutNanos = timeoutMillis * 1_000_000L;
    this.channel = SocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      // the adaptor's connect has a timeout (the channel's own has none); the channel stays blocking
      channel.socket().connect(new InetSocketAddress(host, port), Math.min(timeoutMillis, 5000));
    } catch (IOException e) {
      close();
      throw e;
    }
    Watchdog.INSTANCE.watch(this);
  }

  /** The exchange is over (response read): no deadline until the next request. */
  void idle() {
    deadline = 0;
  }

  /** Called by the watchdog: closes the connection if its request is past the deadline. */
  void expireIfOverdue(long now) {
    long due = deadline;
    if (due != 0 && now - due > 0) {
      timedOut = true;
      close();
    }
  }

  boolean isClosed() {
    return !channel.isOpen();
  }

  private IOException failure(IOException e) {
    broken = true;
    return timedOut
        ? new java.net.SocketTimeoutException("no response from " + hostPort + " within "
            + timeoutNanos / 1_000_000 + " ms")
        : e;
  }

  boolean broken() {
    return broken;
  }

  void markBroken() {
    broken = true;
  }

  /** Writes the request head: {@code METHOD target HTTP/1.1} plus Host and the given lines. */
  void writeHead(String method, String target, long contentLength, boolean expectContinue) throws IOException {
    ByteBuffer head = head(method, target, contentLength, expectContinue);
    startRequest();
    write(head, null);
  }

  /**
   * Writes a request whose body is the content {@code contentStart} ({@link Content}), {@code
   * size} bytes: the head and the first MiB of the body in one gathering write, then the rest
   * straight from the pattern's direct memory.
   */
  void writeRequest(String method, String target, int contentStart, long size) throws IOException {
    ByteBuffer head = head(method, target, size, false);
    startRequest();
    writeContent(head, contentStart, size);
  }

  /** Writes a body announced by {@link #writeHead} (after the server's 100 Continue). */
  void writeBody(int contentStart, long size) throws IOException {
    writeContent(null, contentStart, size);
  }

  private ByteBuffer head(String method, String target, long contentLength, boolean expectContinue) {
    StringBuilder sb = new StringBuilder(160 + target.length());
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostPort)
        .append("\r\nUser-Agent: jais-loader\r\n");
    if (contentLength >= 0) {
      sb.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    if (expectContinue) {
      sb.append("Expect: 100-continue\r\n");
    }
    sb.append("\r\n");
    return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private void startRequest() {
    deadline = System.nanoTime() + timeoutNanos | 1; // never 0
  }

  private void writeContent(ByteBuffer head, int contentStart, long size) throws IOException {
    long offset = 0;
    do {
      int n = (int) Math.min(size - offset, Content.PERIOD);
      write(head, Content.slice(contentStart, offset, n));
      head = null;
      offset += n;
    } while (offset < size);
  }

  /** Writes {@code first} (may be null) and {@code second} (may be null) completely. */
  private void write(ByteBuffer first, ByteBuffer second) throws IOException {
    try {
      if (first == null || second == null) {
        ByteBuffer only = first == null ? second : first;
        while (only.hasRemaining()) {
          channel.write(only);
        }
        return;
      }
      headAndPiece[0] = first;
      headAndPiece[1] = second;
      while (first.hasRemaining() || second.hasRemaining()) {
        channel.write(headAndPiece);
      }
    } catch (IOException e) {
      throw failure(e);
    } finally {
      headAndPiece[0] = null;
      headAndPiece[1] = null;
    }
  }

  /** A parsed response head. */
  record Head(int status, long contentLength, boolean chunked, boolean close, String location) {}

  Head readHead() throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.")) {
      broken = true;
      throw new IOException("not an HTTP response from " + hostPort + ": " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    boolean close = statusLine.startsWith("HTTP/1.0");
    long length = -1;
    boolean chunked = false;
    String location = null;
    for (String line; !(line = readLine()).isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String value = line.substring(colon + 1).trim();
      switch (colon) {
        case 8 -> {
          if (line.regionMatches(true, 0, "location", 0, 8)) {
            location = value;
          }
        }
        case 10 -> {
          if (line.regionMatches(true, 0, "connection", 0, 10)) {
            close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
          }
        }
        case 14 -> {
          if (line.regionMatches(true, 0, "content-length", 0, 14)) {
            length = Long.parseLong(value);
          }
        }
        case 17 -> {
          if (line.regionMatches(true, 0, "transfer-encoding", 0, 17)) {
            chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
          }
        }
        default -> {}
      }
    }
    return new Head(status, length, chunked, close, location);
  }

  /** Receives the body of a response, calling {@code sink} per piece; returns its length. */
  interface Sink {
    void accept(byte[] b, int off, int len);
  }

  long readBody(Head head, boolean headRequest, Sink sink) throws IOException {
    if (headRequest || head.status() == 204 || head.status() == 304 || head.status() / 100 == 1) {
      return 0;
    }
    if (head.chunked()) {
      long total = 0;
      while (true) {
        String size = readLine();
        int semi = size.indexOf(';');
        long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (n == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          return total;
        }
        readFixed(n, sink);
        total += n;
        readLine(); // CRLF after the chunk
      }
    }
    if (head.contentLength() < 0) {
      broken = true; // body until close
      long total = 0;
      for (int n; (n = fill()) > 0; ) {
        sink.accept(buf, pos, n);
        pos += n;
        total += n;
      }
      return total;
    }
    readFixed(head.contentLength(), sink);
    return head.contentLength();
  }

  private void readFixed(long n, Sink sink) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos == limit && fill() <= 0) {
        broken = true;
        throw new EOFException(hostPort + " closed the connection " + left + " bytes before the end of the body");
      }
      int take = (int) Math.min(left, limit - pos);
      sink.accept(buf, pos, take);
      pos += take;
      left -= take;
    }
  }

  private int fill() throws IOException {
    if (pos < limit) {
      return limit - pos;
    }
    pos = 0;
    limit = 0;
    int n;
    try {
      n = channel.read(readInto.clear());
    } catch (IOException e) {
      throw failure(e);
    }
    if (n > 0) {
      limit = n;
    }
    return n;
  }

  private String readLine() throws IOException {
    StringBuilder sb = null;
    while (true) {
      if (pos == limit && fill() <= 0) {
        broken = true;
        throw new EOFException(hostPort + " closed the connection");
      }
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          if (sb == null) {
            return part;
          }
          sb.append(part);
          int len = sb.length();
          if (len > 0 && sb.charAt(len - 1) == '\r') {
            sb.setLength(len - 1);
          }
          return sb.toString();
        }
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1));
      if (sb.length() > 64 << 10) {
        broken = true;
        throw new IOException("response header line longer than 64 KiB from " + hostPort);
      }
      pos = limit;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
