package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle timeout closes connections without I/O, but not a response that is still being sent
 * (a large GET to a client slower than the timeout). Real server, real file, raw socket.
 */
class IdleTimeoutTest {
  private static final int FILE_BYTES = 96 << 20; // more than the slow phase reads plus socket buffers
  private static final Duration IDLE = Duration.ofSeconds(1);

  @TempDir static Path dir;
  private static NettyServer server;

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.install();
    Path file = dir.resolve("big");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(FILE_BYTES); // sparse: zeros, no disk
    }
    RouteTable routes =
        RouteTable.builder()
            .route(GET, "/big", r -> Response.file(FileChannel.open(file, StandardOpenOption.READ), 0, FILE_BYTES))
            .build();
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "t[idle]").withIdleTimeout(IDLE));
  }

  @AfterAll
  static void stop() {
    server.close();
    LeakWatch.assertNoLeaks();
  }

  @Test
  void get_clientReadingSlowerThanTheIdleTimeout_receivesTheWholeBody() throws Exception {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(64 << 10);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
      socket.setSoTimeout(20_000); // a safety net against hangs, not synchronization
      socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      skipHead(in);
      long bodyBytes = 0;
      byte[] buffer = new byte[64 << 10];
      // reading on, but slowly, for several idle timeouts: the transfer is under way all along
      long slowUntil = System.nanoTime() + 3 * IDLE.toNanos();
      while (System.nanoTime() < slowUntil) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        bodyBytes += n;
        Thread.sleep(5);
      }
      for (int n; (n = in.read(buffer)) >= 0 && bodyBytes < FILE_BYTES; ) {
        bodyBytes += n;
      }
      assertThat(bodyBytes).isEqualTo(FILE_BYTES);
    }
  }

  // Reads up to the blank line that ends the response head (byte by byte: nothing of the body).
  private static void skipHead(InputStream in) throws IOException {
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
