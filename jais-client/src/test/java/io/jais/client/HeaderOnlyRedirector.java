package io.jais.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy that behaves like AIS's Go proxy on {@code Expect: 100-continue}: it reads the request
 * line and headers only and answers 307 to the target at once, never asking for the body. (The
 * JDK's HttpServer always answers 100 first, so it cannot play this part.)
 */
final class HeaderOnlyRedirector implements AutoCloseable {
  private final ServerSocket socket;
  private final String targetUrl;
  final List<String> requestHeads = new CopyOnWriteArrayList<>();

  HeaderOnlyRedirector(String targetUrl) throws IOException {
    this.targetUrl = targetUrl;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        String head = readHead(connection.getInputStream());
        requestHeads.add(head);
        String pathAndQuery = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/1.1"));
        String reply = "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + targetUrl + pathAndQuery
            + "&pid=pRaw&utm=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        connection.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
        connection.getOutputStream().flush();
      } catch (IOException e) {
        // closed, or a client that went away: keep serving until closed
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the end of the headers");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
