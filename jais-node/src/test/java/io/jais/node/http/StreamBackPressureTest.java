package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A streamed response to a client that stops reading, and a shutdown with a request in flight. */
class StreamBackPressureTest {
  private static final long STREAM_SIZE = 1L << 30;
  private static NettyServer server;
  private static final AtomicLong written = new AtomicLong();
  private static final AtomicReference<Thread> producer = new AtomicReference<>();
  private static final CompletableFuture<String> producerOutcome = new CompletableFuture<>();

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.install();
    RouteTable routes =
        RouteTable.builder()
            .route(
                GET,
                "/v1/huge",
                r ->
                    Response.stream(
                        out -> {
                          producer.set(Thread.currentThread());
                          byte[] block = new byte[64 * 1024];
                          try {
                            for (long done = 0; done < STREAM_SIZE; done += block.length) {
                              out.write(block);
                              written.addAndGet(block.length);
                            }
                            producerOutcome.complete("finished");
                          } catch (java.io.IOException e) {
                            producerOutcome.complete("failed: " + e.getMessage());
                            throw e;
                          }
                        }))
            .build();
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "t[bp]"));
  }

  @AfterAll
  static void stop() {
    server.close();
    LeakWatch.assertNoLeaks();
  }

  @Test
  void stream_clientStopsReading_producerParksThenFailsWhenClientLeaves() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /v1/huge HTTP/1.1\r\nHost: x\r\n\r\n");
      // the client reads nothing: once socket buffers and the channel's 1 MiB high-water mark are
      // full, the producer parks instead of queueing the rest of the gigabyte in memory
      Await.until(
          "producer parked",
          () ->
              producer.get() != null
                  && producer.get().getState() == Thread.State.WAITING
                  && written.get() > 0);
      assertThat(written.get()).isLessThan(64L << 20);
    }

    assertThat(producerOutcome.get(20, TimeUnit.SECONDS)).startsWith("failed: ");
  }

  @Test
  void close_requestInFlight_finishesItThenStops() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RouteTable routes =
        RouteTable.builder()
            .route(
                GET,
                "/v1/slow",
                r -> {
                  entered.countDown();
                  release.await();
                  return Response.text("done");
                })
            .build();
    NettyServer local = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "t[grace]"));
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      CompletableFuture<HttpResponse<String>> response =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port() + "/v1/slow"))
                  .build(),
              BodyHandlers.ofString());
      assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> closed = CompletableFuture.runAsync(local::close);
      // the listener goes away right after the server marks itself closing
      Await.until("listener closed", () -> refusesConnections(local.port()));
      release.countDown();

      assertThat(response.get(20, TimeUnit.SECONDS).body()).isEqualTo("done");
      assertThat(response.get().headers().firstValue("Connection")).hasValue("close");
      closed.get(20, TimeUnit.SECONDS);
    }
  }

  private static boolean refusesConnections(int port) {
    try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
