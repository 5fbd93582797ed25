package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server tells a route's meter and its hooks, over real connections. */
class MeteringTest {
  /** One call of {@link Meter#record}. */
  record Recorded(String meter, int status, long nanos, long requestBytes, long responseBytes, boolean written) {}

  private static final BlockingQueue<Recorded> RECORDED = new LinkedBlockingQueue<>();
  private static final AtomicInteger STARTED = new AtomicInteger();
  private static final AtomicInteger ENDED = new AtomicInteger();
  private static final AtomicInteger HANDLER_THREADS = new AtomicInteger();
  private static final AtomicInteger VIRTUAL_HANDLER_THREADS = new AtomicInteger();

  @TempDir static Path dir;
  private static NettyServer server;

  /** A meter that writes down what it is told. */
  static Meter recording(String name) {
    return (status, nanos, requestBytes, responseBytes, written) ->
        RECORDED.add(new Recorded(name, status, nanos, requestBytes, responseBytes, written));
  }

  @BeforeAll
  static void start() throws Exception {
    Path file = Files.write(dir.resolve("data"), new byte[100_000]);
    Meter other = recording("other");
    RouteTable routes = RouteTable.builder()
        .route(GET, "/text", r -> Response.text("hello"))
        .route(HEAD, "/text", r -> Response.builder(200).header("Content-Length", 5).build())
        .route(GET, "/file", r -> Response.file(FileChannel.open(file, StandardOpenOption.READ), 0, 100_000))
        .routeWithFastPath(GET, "/fast", r -> Response.text("fast"), r -> Response.text("slow"))
        .route(GET, "/stream", r -> Response.stream(out -> {
          byte[] chunk = new byte[1000];
          for (int i = 0; i < 7; i++) {
            out.write(chunk);
          }
        }))
        .route(GET, "/endless", r -> Response.stream(out -> {
          byte[] chunk = new byte[64 * 1024];
          for (int i = 0; i < 16 * 1024; i++) { // 1 GiB: the client leaves long before
            out.write(chunk);
          }
        }))
        .route(PUT, "/put", r -> Response.bytes(new byte[r.bodyBytes(1 << 20).length / 2]))
        .route(GET, "/missing", r -> {
          throw new JaisException(ErrorCode.OBJECT_NOT_FOUND, "no such object");
        })
        .route(GET, "/recount", r -> {
          r.countAs(other);
          return Response.text("counted as other");
        })
        .route(GET, "/select", r -> Response.text("selected"))
        .route(GET, "/unmetered", r -> Response.text("nothing"))
        .meter(GET, "/text", recording("text"))
        .meter(HEAD, "/text", recording("head"))
        .meter(GET, "/file", recording("file"))
        .meter(GET, "/fast", recording("fast"))
        .meter(GET, "/stream", recording("stream"))
        .meter(GET, "/endless", recording("endless"))
        .meter(PUT, "/put", recording("put"))
        .meter(GET, "/missing", recording("missing"))
        .meter(GET, "/recount", recording("route"))
        .meter(GET, "/select", request -> request.query("as") == null ? Meter.NONE : recording(request.query("as")))
        .build();
    ServerHooks hooks = new ServerHooks() {
      @Override
      public void exchangeStarted() {
        STARTED.incrementAndGet();
      }

      @Override
      public void exchangeEnded() {
        ENDED.incrementAndGet();
      }

      @Override
      public void handlerThreadStarted() {
        HANDLER_THREADS.incrementAndGet();
        if (Thread.currentThread().isVirtual()) {
          VIRTUAL_HANDLER_THREADS.incrementAndGet();
        }
      }

      @Override
      public void requestShed() {
        throw new AssertionError("nothing is shed below the server's bound");
      }
    };
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "t[metering]"), hooks);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Recorded next() throws InterruptedException {
    Recorded r = RECORDED.poll(20, TimeUnit.SECONDS);
    assertThat(r).as("a recorded exchange").isNotNull();
    return r;
  }

  private static RawHttp.Reply get(String path) throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      return http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
    }
  }

  @Test
  void fixedBodies_statusTimeAndBodyBytes() throws Exception {
    RECORDED.clear();
    get("/text");
    Recorded text = next();
    assertThat(text).extracting(Recorded::meter, Recorded::status, Recorded::requestBytes, Recorded::responseBytes,
        Recorded::written).containsExactly("text", 200, 0L, 5L, true);
    assertThat(text.nanos()).isPositive();

    get("/file");
    assertThat(next()).extracting(Recorded::meter, Recorded::responseBytes).containsExactly("file", 100_000L);

    get("/fast"); // answered on the event loop
    assertThat(next()).extracting(Recorded::meter, Recorded::responseBytes).containsExactly("fast", 4L);
  }

  @Test
  void streamBody_bytesItProduced() throws Exception {
    RECORDED.clear();
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      Recorded r = next();
      assertThat(r).extracting(Recorded::meter, Recorded::status, Recorded::responseBytes, Recorded::written)
          .containsExactly("stream", 200, 7000L, true);
    }
  }

  @Test
  void head_noBodyBytes() throws Exception {
    RECORDED.clear();
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("HEAD /text HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
    }
    assertThat(next()).extracting(Recorded::meter, Recorded::status, Recorded::responseBytes)
        .containsExactly("head", 200, 0L);
  }

  @Test
  void put_requestBytes() throws Exception {
    RECORDED.clear();
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("PUT /put HTTP/1.1\r\nHost: x\r\nContent-Length: 3000\r\n\r\n").send(new byte[3000]).read();
    }
    assertThat(next()).extracting(Recorded::meter, Recorded::requestBytes, Recorded::responseBytes)
        .containsExactly("put", 3000L, 1500L);
  }

  @Test
  void errorResponse_recordedWithItsStatus() throws Exception {
    RECORDED.clear();
    assertThat(get("/missing").status()).isEqualTo(404);
    assertThat(next()).extracting(Recorded::meter, Recorded::status, Recorded::written)
        .containsExactly("missing", 404, true);
  }

  @Test
  void handler_countsAsAnotherMeter() throws Exception {
    RECORDED.clear();
    get("/recount");
    assertThat(next().meter()).isEqualTo("other");
  }

  @Test
  void selector_picksPerRequest_noneMeansNotRecorded() throws Exception {
    RECORDED.clear();
    get("/select");
    get("/unmetered");
    get("/select?as=chosen");
    assertThat(next().meter()).isEqualTo("chosen");
    assertThat(RECORDED).isEmpty();
  }

  @Test
  void malformedQueryTheSelectorCannotRead_answeredByTheHandler_countedAsNothing() throws Exception {
    RECORDED.clear();
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Reply reply = http.send("GET /select?as=%zz HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertThat(reply.status()).isEqualTo(200); // this handler ignores the query
      assertThat(http.send("GET /select?as=after HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
    }
    assertThat(next().meter()).isEqualTo("after");
    assertThat(RECORDED).isEmpty();
  }

  @Test
  void clientGoneMidBody_recordedAsNotWritten() throws Exception {
    RECORDED.clear();
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
      http.readStatusLine();
      http.reset(); // close with a reset: the server's next write fails
    }
    Recorded r = next();
    assertThat(r).extracting(Recorded::meter, Recorded::status, Recorded::written).containsExactly("endless", 200, false);
  }

  @Test
  void hooks_everyExchangeStartsAndEndsOnce_handlerThreadsAreTold() throws Exception {
    int started = STARTED.get();
    int ended = ENDED.get();
    int handlers = HANDLER_THREADS.get();
    int virtual = VIRTUAL_HANDLER_THREADS.get();
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("GET /text HTTP/1.1\r\nHost: x\r\n\r\n").read();
      http.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n").read(); // no handler thread
      http.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n").read(); // 404 of no route: an exchange all the same
    }
    Await.until("three exchanges ended", () -> ENDED.get() - ended >= 3);
    assertThat(STARTED.get() - started).isEqualTo(3);
    assertThat(ENDED.get() - ended).isEqualTo(3);
    assertThat(HANDLER_THREADS.get() - handlers).isEqualTo(2);
    assertThat(VIRTUAL_HANDLER_THREADS.get() - virtual).isEqualTo(2);
  }
}
