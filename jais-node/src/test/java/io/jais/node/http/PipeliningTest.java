package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 pipelining (RFC 9112 §9.3) hundreds deep: a client writes all its requests before
 * reading any answer. Every request is answered in order on the one connection, whichever path
 * answers it (event loop, fast path, virtual thread, sendfile, errors), and the server neither
 * drops answers nor resets the connection while the client has not read them.
 */
class PipeliningTest {
  private static final int DEPTH = 500;
  /** Slices of the file: a small one goes out with the head, the large ones with sendfile. */
  private static final int SMALL = 16 * 1024;
  private static final int LARGE = 100 * 1024;
  private static final byte[] FILE_DATA = new byte[1 << 20];

  @TempDir static Path dir;
  private static FileChannel sharedFile;
  private static NettyServer server;

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.install();
    new SplittableRandom(11).nextBytes(FILE_DATA);
    sharedFile = FileChannel.open(Files.write(dir.resolve("data.bin"), FILE_DATA), StandardOpenOption.READ);
    RouteTable routes =
        RouteTable.builder()
            // like the target's GET: hot objects answered on the event loop, the rest on a thread
            .routeWithFastPath(
                GET,
                "/v1/objects/{bucket}/{object...}",
                r -> r.query("cold") != null ? null : slice(r),
                PipeliningTest::slice)
            .route(HEAD, "/v1/objects/{bucket}/{object...}", PipeliningTest::sliceHead)
            // like the proxy: a redirect computed on the event loop
            .routeNonBlocking(
                GET,
                "/v1/redirect/{object...}",
                r -> Response.redirect(301, "http://127.0.0.1:1/v1/objects/b/" + r.pathParam("object")))
            .route(PUT, "/v1/echo", r -> Response.bytes(r.bodyBytes(1 << 20)))
            .build();
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "t[pipe]"));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    sharedFile.close();
    LeakWatch.assertNoLeaks();
  }

  // object "<n>": slice n of the file, SMALL or LARGE bytes long; "missing" is not found
  private static Response slice(Request r) {
    String object = r.pathParam("object");
    if (object.equals("missing")) {
      throw new JaisException(ErrorCode.OBJECT_NOT_FOUND, "ais://b/missing does not exist");
    }
    int n = Integer.parseInt(object);
    return Response.builder(200).sharedFile(sharedFile, offset(n), length(n), () -> {}).build();
  }

  private static Response sliceHead(Request r) {
    int n = Integer.parseInt(r.pathParam("object"));
    return Response.builder(200).header("Content-Length", length(n)).header("Ais-Name", n).build();
  }

  private static int offset(int n) {
    return (n * 4099) % (FILE_DATA.length - LARGE);
  }

  private static int length(int n) {
    return n % 3 == 0 ? LARGE : SMALL;
  }

  private static byte[] expected(int n) {
    return Arrays.copyOfRange(FILE_DATA, offset(n), offset(n) + length(n));
  }

  private static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  @Test
  void fastPath_500PipelinedGets_allAnsweredInOrder() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(get("/v1/objects/b/" + i + "?provider=ais"));
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      for (int i = 0; i < DEPTH; i++) {
        RawHttp.Reply reply = raw.read();
        assertThat(reply.status()).as("response %d", i).isEqualTo(200);
        assertThat(reply.body()).as("response %d", i).isEqualTo(expected(i));
      }
    }
  }

  @Test
  void mixedPaths_500Pipelined_allAnsweredInOrder() throws Exception {
    // fast path, virtual thread, HEAD, event-loop redirect and 404 interleaved
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(
          switch (i % 5) {
            case 0 -> get("/v1/objects/b/" + i);
            case 1 -> get("/v1/objects/b/" + i + "?cold=1");
            case 2 -> "HEAD /v1/objects/b/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n";
            case 3 -> get("/v1/redirect/" + i);
            default -> get("/v1/objects/b/missing" + (i % 2 == 0 ? "" : "?cold=1"));
          });
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      for (int i = 0; i < DEPTH; i++) {
        RawHttp.Reply reply = raw.read(i % 5 == 2);
        switch (i % 5) {
          case 0, 1 -> assertThat(reply.body()).as("response %d", i).isEqualTo(expected(i));
          case 2 -> {
            assertThat(reply.header("Ais-Name")).as("response %d", i).isEqualTo(String.valueOf(i));
            assertThat(reply.header("Content-Length")).isEqualTo(String.valueOf(length(i)));
          }
          case 3 ->
              assertThat(reply.header("Location")).as("response %d", i).endsWith("/b/" + i);
          default -> {
            assertThat(reply.status()).as("response %d", i).isEqualTo(404);
            assertThat(reply.text()).contains("does not exist");
          }
        }
      }
    }
  }

  @Test
  void redirects_500Pipelined_allAnsweredInOrder() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(get("/v1/redirect/" + i + "?provider=ais"));
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      for (int i = 0; i < DEPTH; i++) {
        RawHttp.Reply reply = raw.read();
        assertThat(reply.status()).as("response %d", i).isEqualTo(301);
        assertThat(reply.header("Location")).as("response %d", i).endsWith("/b/" + i);
      }
    }
  }

  @Test
  void clientHalfClosesAfterThePipeline_stillGetsEveryAnswerThenEndOfStream() throws Exception {
    // Small answers only: after a half-close, Netty 4.2.18's epoll transport drops the socket from
    // epoll once nothing is left to wait for, and fails the next write that has to wait for room
    // in the socket buffer (docs/architecture.md, "Pipelining").
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(
          i % 2 == 0
              ? "HEAD /v1/objects/b/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n"
              : get("/v1/redirect/" + i));
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      raw.shutdownOutput();
      for (int i = 0; i < DEPTH; i++) {
        RawHttp.Reply reply = raw.read(i % 2 == 0);
        if (i % 2 == 0) {
          assertThat(reply.header("Ais-Name")).as("response %d", i).isEqualTo(String.valueOf(i));
        } else {
          assertThat(reply.header("Location")).as("response %d", i).endsWith("/b/" + i);
        }
      }
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void connectionCloseInThePipeline_answersUpToItThenClosesWithoutReset() throws Exception {
    // the requests after it are never read: closing over them would make the kernel send a reset
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(
          i == 5
              ? "GET /v1/redirect/" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              : get("/v1/redirect/" + i));
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      for (int i = 0; i <= 5; i++) {
        RawHttp.Reply reply = raw.read();
        assertThat(reply.header("Location")).as("response %d", i).endsWith("/b/" + i);
        assertThat(reply.header("Connection")).isEqualTo(i == 5 ? "close" : null);
      }
      assertThat(raw.endsWithoutReset()).isTrue();
    }
  }

  @Test
  void malformedRequestInThePipeline_answers400ThenClosesWithoutReset() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(i == 3 ? "GET /v1/redirect/3 HTTP/1.1\r\nHost x\r\n\r\n" : get("/v1/redirect/" + i));
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      for (int i = 0; i < 3; i++) {
        assertThat(raw.read().header("Location")).as("response %d", i).endsWith("/b/" + i);
      }
      RawHttp.Reply rejected = raw.read();
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.header("Connection")).isEqualTo("close");
      assertThat(raw.endsWithoutReset()).isTrue();
    }
  }

  @Test
  void bodiesInThePipeline_eachReachesItsHandler() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      String body = "body-" + i;
      requests.append("PUT /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: ")
          .append(body.length()).append("\r\n\r\n").append(body);
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString().getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < DEPTH; i++) {
        assertThat(raw.read().text()).as("response %d", i).isEqualTo("body-" + i);
      }
    }
  }
}
