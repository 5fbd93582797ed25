package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loader's socket client against a real (minimal) server on loopback. */
class HttpConnectionTest {

  @Test
  @Timeout(30) // a hang guard, not a measurement
  void serverNeverAnswers_readFailsWithTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpConnection conn = new HttpConnection("127.0.0.1", server.getLocalPort(), 200);
        Socket accepted = server.accept()) {
      conn.writeHead("GET", "/slow", -1, false);

      assertThatThrownBy(conn::readHead)
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("within 200 ms");
      assertThat(conn.broken()).isTrue();
    }
  }

  @Test
  @Timeout(30)
  void idleKeptAliveConnection_outlivesTheTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpConnection conn = new HttpConnection("127.0.0.1", server.getLocalPort(), 100);
        Socket accepted = server.accept()) {
      for (int i = 0; i < 2; i++) {
        conn.writeHead("GET", "/o" + i, -1, false);
        answer(accepted, "ok" + i);
        HttpConnection.Head head = conn.readHead();
        StringBuilder body = new StringBuilder();
        conn.readBody(head, false, (b, off, len) -> body.append(new String(b, off, len, StandardCharsets.US_ASCII)));
        conn.idle();
        assertThat(body).hasToString("ok" + i);
        Thread.sleep(400); // idle longer than the timeout: the watchdog must leave it alone
      }
      assertThat(conn.broken()).isFalse();
      assertThat(conn.isClosed()).isFalse();
    }
  }

  @Test
  @Timeout(30)
  void requestWithBody_sendsTheHeadThenExactlyTheContent() throws Exception {
    int size = 2 * Content.PERIOD + 777; // more than one slice, wrapping around the pattern
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpConnection conn = new HttpConnection("127.0.0.1", server.getLocalPort(), 30_000);
        Socket accepted = server.accept()) {
      for (int i = 0; i < 2; i++) { // twice on the kept-alive connection; the second an empty body
        int length = i == 0 ? size : 0;
        String target = "/v1/objects/b/o" + i;
        Thread writer = Thread.ofVirtual().start(() -> {
          try {
            conn.writeRequest("PUT", target, Content.start("o"), length);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        String head = readHead(accepted.getInputStream());
        assertThat(head).startsWith("PUT " + target + " HTTP/1.1\r\n")
            .contains("\r\nContent-Length: " + length + "\r\n").doesNotContain("Expect");
        assertThat(accepted.getInputStream().readNBytes(length)).isEqualTo(Content.bytes("o", length));
        writer.join();
        answer(accepted.getOutputStream(), "");
        assertThat(conn.readHead().status()).isEqualTo(200);
        conn.idle();
      }
    }
  }

  @Test
  @Timeout(30)
  void expectContinue_headFirstThenTheBodyAfterTheServersGoAhead() throws Exception {
    int size = 100_000;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpConnection conn = new HttpConnection("127.0.0.1", server.getLocalPort(), 30_000);
        Socket accepted = server.accept()) {
      conn.writeHead("PUT", "/o", size, true);
      assertThat(readHead(accepted.getInputStream())).contains("\r\nExpect: 100-continue\r\n");
      accepted.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(conn.readHead().status()).isEqualTo(100);

      conn.writeBody(Content.start("e"), size);
      assertThat(accepted.getInputStream().readNBytes(size)).isEqualTo(Content.bytes("e", size));
    }
  }

  /** Reads a request head up to and including its blank line, byte by byte (the body stays unread). */
  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("request head so far: %s", head).isNotNegative();
      head.append((char) b);
    }
    return head.toString();
  }

  private static void answer(OutputStream out, String body) throws Exception {
    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void answer(Socket socket, String body) throws Exception {
    InputStream in = socket.getInputStream();
    byte[] request = new byte[4096];
    int n = 0;
    while (n < 4 || !new String(request, 0, n, StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      n += in.read(request, n, request.length - n);
    }
    OutputStream out = socket.getOutputStream();
    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
