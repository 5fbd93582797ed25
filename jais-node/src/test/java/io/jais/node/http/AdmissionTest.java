package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a server lets in: blocking handlers up to its bound (past it, a retryable 503 at once,
 * nothing queued), and intra-cluster routes only for requests whose credentials verify.
 */
class AdmissionTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private NettyServer server;
  private HandlerThreads threads;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (threads != null) {
      threads.close();
    }
  }

  @Test
  void pastItsBound_aServerShedsRequestsWithARetryable503_andServesThemAgainOnceBelow() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger entered = new AtomicInteger();
    threads = HandlerThreads.virtual("test-http", 2);
    server = NettyServer.start(RouteTable.builder()
        .route(GET, "/slow", r -> {
          entered.incrementAndGet();
          release.await(30, TimeUnit.SECONDS);
          return Response.text("done");
        })
        .route(GET, "/fast", r -> Response.text("fast"))
        .build(), ServerOptions.of("127.0.0.1", 0, "t[shed]").withHandlerThreads(threads));

    List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      slow.add(client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (entered.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(threads.inFlight()).isEqualTo(2);

    HttpResponse<String> shed = client.send(get("/fast"), HttpResponse.BodyHandlers.ofString());
    assertThat(shed.statusCode()).isEqualTo(503);
    assertThat(shed.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(shed.body()).contains("overloaded").contains("\"status\":503");
    assertThat(entered.get()).as("the shed request never reached a handler").isEqualTo(2);

    release.countDown();
    for (CompletableFuture<HttpResponse<String>> f : slow) {
      assertThat(f.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
    }
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (threads.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(client.send(get("/fast"), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("fast");
  }

  @Test
  void aPlatformPool_shedsOnlyWhenItsQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    threads = HandlerThreads.platform("test-ctl", 1, 1);
    server = NettyServer.start(RouteTable.builder()
        .route(GET, "/slow", r -> {
          release.await(30, TimeUnit.SECONDS);
          return Response.text("done");
        })
        .build(), ServerOptions.of("127.0.0.1", 0, "p[ctl]").withHandlerThreads(threads));
    CompletableFuture<HttpResponse<String>> running = client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (threads.inFlight() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    CompletableFuture<HttpResponse<String>> queued = client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString());
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (threads.inFlight() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(client.send(get("/slow"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void intraRoutes_andInternalPaths_serveOnlyRequestsWhoseCredentialsVerify() throws Exception {
    AtomicInteger served = new AtomicInteger();
    IntraAuthenticator onlyT1 = new IntraAuthenticator() {
      @Override
      public String authenticate(String method, String requestTarget, String header) {
        if (header == null) {
          throw new JaisException(ErrorCode.UNAUTHORIZED, "no credentials");
        }
        if (!header.equals("good:" + method + ":" + requestTarget)) {
          throw new JaisException(ErrorCode.FORBIDDEN, "bad credentials");
        }
        return "t1";
      }

      @Override
      public boolean verifiesRedirect(String method, String sentUri) {
        return sentUri.endsWith("&jais-sig=ok");
      }
    };
    server = NettyServer.start(RouteTable.builder()
        .intraRoute(PUT, "/v1/metasync", r -> {
          served.incrementAndGet();
          return Response.text("from " + r.requireIntraCaller());
        })
        .route(GET, "/v1/internal/list/{bucket}", r -> {
          served.incrementAndGet();
          return Response.text("list for " + r.intraCaller());
        })
        .route(PUT, "/v1/objects/{bucket}/{object...}", r -> {
          r.requireRedirectedOrIntra();
          served.incrementAndGet();
          return Response.text("stored");
        })
        .build(), ServerOptions.of("127.0.0.1", 0, "t[intra]").withIntraAuthenticator(onlyT1));

    assertThat(send("PUT", "/v1/metasync", null).statusCode()).isEqualTo(401);
    assertThat(send("PUT", "/v1/metasync", "forged").statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/v1/metasync", "good:PUT:/v1/metasync").body()).isEqualTo("from t1");
    assertThat(send("GET", "/v1/internal/list/b?provider=ais", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/internal/list/b?provider=ais", "good:GET:/v1/internal/list/b?provider=ais").body())
        .isEqualTo("list for t1");
    assertThat(served.get()).isEqualTo(2);

    assertThat(send("PUT", "/v1/objects/b/o", null).statusCode()).isEqualTo(400); // ErrNotRedirected
    assertThat(send("PUT", "/v1/objects/b/o?pid=p1", null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/v1/objects/b/o?pid=p1&jais-sig=no", null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/v1/objects/b/o?pid=p1&jais-sig=ok", null).body()).isEqualTo("stored");
    assertThat(send("PUT", "/v1/objects/b/o", "good:PUT:/v1/objects/b/o").body()).isEqualTo("stored");
    assertThat(send("PUT", "/v1/objects/b/o", "forged").statusCode()).isEqualTo(403);
    assertThat(served.get()).isEqualTo(4);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30)).build();
  }

  private HttpResponse<String> send(String method, String target, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
        .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
    if (credentials != null) {
      request.header("Jais-Intra-Auth", credentials);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
