package io.jais.node.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A plain socket speaking HTTP/1.1 by hand, for what HttpClient will not do on purpose. */
final class RawHttp implements AutoCloseable {
  /** A response as read off the wire. */
  record Reply(int status, String statusLine, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000); // a safety net against hangs, not synchronization
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Reads one response; the body by Content-Length, or none for HEAD / bodiless statuses. */
  Reply read(boolean head) throws IOException {
    String statusLine = readLine();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line; !(line = readLine()).isEmpty(); ) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + "," + b);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    String length = headers.get("content-length");
    byte[] body =
        head || status < 200 || length == null
            ? new byte[0]
            : in.readNBytes(Integer.parseInt(length));
    return new Reply(status, statusLine, headers, body);
  }

  Reply read() throws IOException {
    return read(false);
  }

  /** Reads the status line of a response and leaves the rest unread. */
  String readStatusLine() throws IOException {
    return readLine();
  }

  /** Closes with a reset (SO_LINGER 0) instead of a FIN. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** True once the server closed the connection (reads end of stream). */
  boolean isClosedByPeer() throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException e) {
      return true; // reset
    }
  }

  /** True if the server closed with a FIN after all it sent; false if it reset the connection. */
  boolean endsWithoutReset() throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("connection closed mid-response after: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
