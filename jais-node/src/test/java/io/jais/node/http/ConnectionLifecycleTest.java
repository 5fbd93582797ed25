package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens on the wire around bodies: 100-continue, truncation, draining, limits. Raw sockets.
 */
class ConnectionLifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static NettyServer server;
  private static NettyServer smallDrain;
  private static volatile CompletableFuture<String> bodyOutcome = new CompletableFuture<>();
  private static final AtomicInteger handled = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.install();
    RouteTable routes =
        RouteTable.builder()
            .route(
                PUT,
                "/v1/objects/{bucket}/{object...}",
                r -> {
                  handled.incrementAndGet();
                  return Response.redirect(
                      307, "http://127.0.0.1:1/v1/objects/" + r.pathParam("bucket"));
                })
            .route(PUT, "/v1/count", ConnectionLifecycleTest::count)
            .route(PUT, "/v1/ignore", r -> Response.text("ignored"))
            .route(GET, "/v1/ping", r -> Response.text("pong"))
            .build();
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "p[test]"));
    smallDrain =
        NettyServer.start(
            routes, ServerOptions.of("127.0.0.1", 0, "p[small]").withDrainLimit(1024));
  }

  @AfterAll
  static void stop() {
    server.close();
    smallDrain.close();
    LeakWatch.assertNoLeaks();
  }

  @Test
  void bindingAnAddressInUse_failsWithBindException() throws Exception {
    RouteTable routes = RouteTable.builder().route(GET, "/v1/ping", r -> Response.text("pong")).build();
    int taken = server.port();
    assertThatThrownBy(() -> NettyServer.start(routes, ServerOptions.of("127.0.0.1", taken, "p[twin]")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("127.0.0.1:" + taken);
  }

  @BeforeEach
  void reset() {
    bodyOutcome = new CompletableFuture<>();
  }

  // reads the whole body, reporting the count or the failure to the test
  private static Response count(Request request) throws IOException {
    long total = 0;
    try {
      for (ByteBuf chunk; (chunk = request.body().next()) != null; ) {
        total += chunk.readableBytes();
        chunk.release();
      }
    } catch (IOException e) {
      bodyOutcome.complete("failed: " + e.getMessage());
      throw e;
    }
    bodyOutcome.complete("read " + total);
    return Response.text(String.valueOf(total));
  }

  @Test
  void put_expectContinueAndRedirectWithoutReading_sendsNo100AndCloses() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "PUT /v1/objects/bck/obj HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
              + "Expect: 100-continue\r\n\r\n");
      RawHttp.Reply reply = raw.read();

      assertThat(reply.statusLine()).isEqualTo("HTTP/1.1 307 Temporary Redirect");
      assertThat(reply.header("Location")).isEqualTo("http://127.0.0.1:1/v1/objects/bck");
      assertThat(reply.header("Connection")).isEqualTo("close");
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void put_expectContinueAndHandlerReads_sends100ThenReadsBody() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "PUT /v1/count HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      assertThat(raw.read().statusLine()).isEqualTo("HTTP/1.1 100 Continue");

      raw.send("hello");
      RawHttp.Reply reply = raw.read();

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text()).isEqualTo("5");
      assertThat(reply.header("Connection")).isNull();
    }
  }

  // botocore sends Expect with empty bodies too and, answered without a 100, misreads the next
  // response on the kept-alive connection (a zero-byte put_object then hangs the next upload)
  @Test
  void put_expectContinueWithEmptyBody_sends100ThenAnswerAndKeepsConnection() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      for (String path : new String[] {"/v1/count", "/v1/ignore"}) {
        raw.send(
            "PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Expect: 100-continue\r\n\r\n");
        assertThat(raw.read().statusLine()).isEqualTo("HTTP/1.1 100 Continue");
        RawHttp.Reply reply = raw.read();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Connection")).isNull();
      }
      raw.send("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().text()).isEqualTo("pong");
    }
  }

  @Test
  void put_connectionClosedMidBody_handlerSeesTruncatedBody() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("PUT /v1/count HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
    }

    assertThat(bodyOutcome.get(20, TimeUnit.SECONDS))
        .isEqualTo("failed: truncated body: received 10 of 1000 bytes (connection closed)");
  }

  @Test
  void put_malformedChunk_handlerSeesTruncatedBodyAndConnectionCloses() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "PUT /v1/count HTTP/1.1\r\n"
              + "Host: x\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + "5\r\n"
              + "hello\r\n"
              + "ZZ\r\n");

      assertThat(bodyOutcome.get(20, TimeUnit.SECONDS))
          .startsWith("failed: truncated body: received 5 bytes of a chunked body (malformed body");
      assertThat(raw.read().status()).isEqualTo(500);
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void put_smallBodyNotRead_connectionIsReusedAfterDrain() throws Exception {
    byte[] body = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("PUT /v1/ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
      RawHttp.Reply first = raw.read(); // answered before the body was even sent
      raw.send(body); // ... which the server now drains
      raw.send("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply second = raw.read();

      assertThat(first.text()).isEqualTo("ignored");
      assertThat(first.header("Connection")).isNull();
      assertThat(second.text()).isEqualTo("pong");
    }
  }

  @Test
  void put_pipelinedAfterUnreadBody_bothAnsweredInOrder() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "PUT /v1/ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
              + "GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(raw.read().text()).isEqualTo("ignored");
      assertThat(raw.read().text()).isEqualTo("pong");
    }
  }

  @Test
  void put_unreadBodyOverDrainLimit_answersWithConnectionClose() throws Exception {
    try (RawHttp raw = new RawHttp(smallDrain.port())) {
      raw.send("PUT /v1/ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
      RawHttp.Reply reply = raw.read();

      assertThat(reply.text()).isEqualTo("ignored");
      assertThat(reply.header("Connection")).isEqualTo("close");
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void get_requestLineOver16KiB_answers414AndCloses() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /v1/" + "a".repeat(17 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply reply = raw.read();

      assertThat(reply.status()).isEqualTo(414);
      assertThat(JSON.readTree(reply.body()).get("tcode").asText()).isEqualTo("ErrTooLong");
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void get_headersOver64KiB_answers431AndCloses() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      StringBuilder request = new StringBuilder("GET /v1/ping HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; i < 70; i++) {
        request.append("X-Filler-").append(i).append(": ").append("v".repeat(1000)).append("\r\n");
      }
      raw.send(request.append("\r\n").toString());
      RawHttp.Reply reply = raw.read();

      assertThat(reply.status()).isEqualTo(431);
      JsonNode body = JSON.readTree(reply.body());
      assertThat(body.get("status").asInt()).isEqualTo(431);
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }

  @Test
  void get_http10WithoutKeepAlive_closesAfterResponse() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /v1/ping HTTP/1.0\r\n\r\n");

      assertThat(raw.read().text()).isEqualTo("pong");
      assertThat(raw.isClosedByPeer()).isTrue();
    }
  }
}
