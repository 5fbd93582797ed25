package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server end to end over loopback with the JDK client: routing, bodies, errors. */
class HttpServerTest {
  private static final String NODE = "t[abc123]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] FILE_DATA = new byte[1 << 20];

  @TempDir static Path dir;
  private static NettyServer server;
  private static HttpClient client;
  private static final AtomicReference<FileChannel> lastFile = new AtomicReference<>();
  private static FileChannel sharedFile;
  private static final AtomicInteger sharedReleases = new AtomicInteger();

  /** A typed JSON body. */
  record Probe(String name, int size) {}

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.install();
    new SplittableRandom(7).nextBytes(FILE_DATA);
    Path file = Files.write(dir.resolve("data.bin"), FILE_DATA);
    sharedFile = FileChannel.open(file, StandardOpenOption.READ);
    RouteTable routes =
        RouteTable.builder()
            .route(
                GET,
                "/v1/objects/{bucket}/{object...}",
                r -> Response.text(r.pathParam("bucket") + "|" + r.pathParam("object")))
            .route(
                HEAD,
                "/v1/objects/{bucket}/{object...}",
                r ->
                    Response.builder(200)
                        .header("Content-Length", 12345)
                        .header("Ais-Version", "3")
                        .build())
            .route(
                GET,
                "/v1/buckets",
                r -> {
                  JsonNode tree = r.bodyJsonTree();
                  return Response.json(Map.of("got", tree == null ? "none" : tree.toString()));
                })
            .route(GET, "/v1/typed", r -> Response.json(r.bodyJson(Probe.class)))
            .route(GET, "/v1/dated", r -> Response.builder(200).header("Date", "Sun, 06 Nov 1994 08:49:37 GMT").build())
            .route(PUT, "/v1/echo", r -> Response.bytes(r.bodyBytes(1024)))
            .route(
                GET,
                "/v1/query",
                r ->
                    Response.text(
                        String.valueOf(r.queryBool("flag", false)) + "|" + r.query("name", "-")))
            .route(
                GET,
                "/v1/md",
                r ->
                    Response.builder(200)
                        .addHeader("Ais-Custom-Md", "a=1")
                        .addHeader("Ais-Custom-Md", "b=2")
                        .build())
            .route(
                GET,
                "/v1/file",
                r -> {
                  FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                  lastFile.set(channel);
                  return Response.file(
                      channel,
                      Long.parseLong(r.query("offset")),
                      Long.parseLong(r.query("length")));
                })
            .route(
                HEAD,
                "/v1/file",
                r -> {
                  FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                  lastFile.set(channel);
                  return Response.builder(200)
                      .header("Content-Length", 10)
                      .file(channel, 0, 10)
                      .build();
                })
            .routeWithFastPath(
                GET,
                "/v1/fast",
                r -> {
                  if (r.query("fail") != null) {
                    throw new JaisException(ErrorCode.OBJECT_NOT_FOUND, "ais://b/fast does not exist");
                  }
                  return r.query("fast") == null
                      ? null
                      : Response.text("fast path, virtual=" + Thread.currentThread().isVirtual());
                },
                r -> Response.text("handler, virtual=" + Thread.currentThread().isVirtual()))
            .route(
                GET,
                "/v1/shared",
                r ->
                    Response.builder(200)
                        .sharedFile(sharedFile, 100, 5000, sharedReleases::incrementAndGet)
                        .build())
            .route(
                HEAD,
                "/v1/shared",
                r ->
                    Response.builder(200)
                        .header("Content-Length", 5000)
                        .sharedFile(sharedFile, 100, 5000, sharedReleases::incrementAndGet)
                        .build())
            .route(
                GET,
                "/v1/stream",
                r -> Response.stream(out -> writePattern(out, Integer.parseInt(r.query("size")))))
            .route(
                GET,
                "/v1/fail/jais",
                r -> {
                  throw new JaisException(ErrorCode.OBJECT_NOT_FOUND, "ais://b/o does not exist");
                })
            .route(
                HEAD,
                "/v1/fail/jais",
                r -> {
                  throw new JaisException(ErrorCode.OBJECT_NOT_FOUND, "ais://b/o does not exist");
                })
            .route(
                GET,
                "/v1/fail/bug",
                r -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, NODE));
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() throws IOException {
    client.close();
    server.close();
    sharedFile.close();
    LeakWatch.assertNoLeaks();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "track%3Fname%3Dlofi%26v%3D1 | track?name=lofi&v=1",
        "a%23b%25c                   | a#b%c",
        "dir%2Fsub/file              | dir/sub/file",
        "with%20space                | with space",
        "%E4%BD%A0%E5%A5%BD%F0%9F%98%80 | 你好😀",
      })
  void get_encodedObjectName_reachesHandlerDecodedOnce(String encoded, String expected)
      throws Exception {
    HttpResponse<String> response = get("/v1/objects/bck/" + encoded);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("bck|" + expected);
  }

  @Test
  void get_unknownPath_answers404WithAisErrorBody() throws Exception {
    HttpResponse<String> response = get("/v2/nothing");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("message").asText()).contains("/v2/nothing");
    assertThat(body.get("node").asText()).isEqualTo(NODE);
  }

  @Test
  void everyResponse_hasOneDate_inImfFixdate_unlessTheHandlerSetItsOwn() throws Exception {
    for (String path : new String[] {"/v1/objects/b/o", "/v2/nothing", "/v1/fail/jais", "/v1/fail/bug", "/v1/file"}) {
      HttpResponse<String> response = get(path);
      assertThat(response.headers().allValues("Date")).as(path).singleElement().satisfies(date -> {
        assertThat(date).hasSize(HttpDate.LENGTH);
        assertThat(HttpDate.isImfFixdate(date)).as(date).isTrue();
      });
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("HEAD /v1/objects/b/o HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(HttpDate.isImfFixdate(raw.read(true).header("Date"))).isTrue();
    }
    assertThat(get("/v1/dated").headers().allValues("Date")).containsExactly("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @Test
  void put_knownPathWrongMethod_answers405WithAllow() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/v1/buckets")).PUT(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    assertThat(JSON.readTree(response.body()).get("tcode").asText())
        .isEqualTo("ErrMethodNotAllowed");
  }

  @Test
  void get_handlerThrowsJaisException_answersAisErrorJson() throws Exception {
    HttpResponse<String> response = get("/v1/fail/jais");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.body()).doesNotEndWith("\n");
    JsonNode body = JSON.readTree(response.body());
    assertThat(iterable(body.fieldNames()))
        .containsExactly(
            "tcode", "message", "method", "url_path", "remote_addr", "caller", "node", "status");
    assertThat(body.get("tcode").asText()).isEqualTo("ErrNotFound");
    assertThat(body.get("message").asText()).isEqualTo("ais://b/o does not exist");
    assertThat(body.get("method").asText()).isEqualTo("GET");
    assertThat(body.get("url_path").asText()).isEqualTo("/v1/fail/jais");
    assertThat(body.get("remote_addr").asText()).startsWith("127.0.0.1:");
    assertThat(body.get("caller").asText()).isEmpty();
    assertThat(body.get("node").asText()).isEqualTo(NODE);
    assertThat(body.get("status").asInt()).isEqualTo(404);
  }

  @Test
  void get_handlerThrowsBug_answers500WithoutTcode() throws Exception {
    HttpResponse<String> response = get("/v1/fail/bug");

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.has("tcode")).isFalse();
    assertThat(body.get("message").asText()).isEqualTo("boom");
  }

  @Test
  void head_handlerThrows_answersEmptyBodyAndHdrError() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("HEAD /v1/fail/jais HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply reply = raw.read(true);

      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.header("Content-Length")).isEqualTo("0");
      JsonNode error = JSON.readTree(reply.header("Hdr-Error"));
      assertThat(error.get("method").asText()).isEqualTo("HEAD");
      assertThat(error.get("message").asText()).isEqualTo("ais://b/o does not exist");
      // the next response parses cleanly: nothing was written after the HEAD headers
      raw.send("GET /v1/objects/b/o HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().text()).isEqualTo("b|o");
    }
  }

  @Test
  void head_handlerSetsContentLength_keepsItAndSendsNoBody() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("HEAD /v1/objects/b/o HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply reply = raw.read(true);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("Content-Length")).isEqualTo("12345");
      assertThat(reply.header("Ais-Version")).isEqualTo("3");
      assertThat(reply.header("ETag")).isNull();
      assertThat(reply.header("Transfer-Encoding")).isNull();
      raw.send("GET /v1/objects/b/o2 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().text()).isEqualTo("b|o2");
    }
  }

  @Test
  void head_fileResponse_sendsNoBodyAndClosesFile() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("HEAD /v1/file HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read(true).header("Content-Length")).isEqualTo("10");
      Await.until("file channel closed", () -> !lastFile.get().isOpen());
      raw.send("GET /v1/objects/b/o HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().text()).isEqualTo("b|o");
    }
  }

  @Test
  void get_withJsonBody_handlerReadsIt() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/v1/buckets"))
                .method("GET", BodyPublishers.ofString("{\"action\":\"list\",\"value\":[1,2]}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("got").asText())
        .isEqualTo("{\"action\":\"list\",\"value\":[1,2]}");
  }

  @Test
  void get_withoutBody_jsonTreeIsNull() throws Exception {
    assertThat(JSON.readTree(get("/v1/buckets").body()).get("got").asText()).isEqualTo("none");
  }

  @Test
  void get_typedJsonBody_isBound() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/v1/typed"))
                .method(
                    "GET", BodyPublishers.ofString("{\"name\":\"x\",\"size\":3,\"extra\":true}")));

    assertThat(JSON.readValue(response.body(), Probe.class)).isEqualTo(new Probe("x", 3));
  }

  @Test
  void get_malformedJsonBody_answers400InvalidBody() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/v1/buckets"))
                .method("GET", BodyPublishers.ofString("{\"action\": ")));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("tcode").asText()).isEqualTo("ErrInvalidBody");
    assertThat(body.get("message").asText()).startsWith("malformed JSON body in GET /v1/buckets");
  }

  @Test
  void put_bodyWithinLimit_isEchoed() throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/v1/echo")).PUT(BodyPublishers.ofString("hello")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello");
  }

  @Test
  void put_bodyOverLimit_answers413() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/v1/echo"))
                .PUT(BodyPublishers.ofByteArray(new byte[2048])));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("tcode").asText()).isEqualTo("ErrTooLarge");
  }

  @ParameterizedTest
  @CsvSource({
    "flag=True, true|-",
    "flag=1&name=a+b, true|a b",
    "flag=off, false|-",
    "'', false|-",
    "flag=, false|-"
  })
  void get_boolQuery_parsesLikeAis(String query, String expected) throws Exception {
    assertThat(get("/v1/query?" + query).body()).isEqualTo(expected);
  }

  @Test
  void get_badBoolQuery_answers400() throws Exception {
    assertThat(get("/v1/query?flag=maybe").statusCode()).isEqualTo(400);
  }

  @Test
  void get_repeatedHeader_sendsEachValue() throws Exception {
    assertThat(get("/v1/md").headers().allValues("Ais-Custom-Md")).containsExactly("a=1", "b=2");
  }

  @Test
  void get_fileRange_sendsThatSliceAndClosesFile() throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/v1/file?offset=1000&length=300000")).build(),
            BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("300000");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(FILE_DATA, 1000, 301000));
    Await.until("file channel closed", () -> !lastFile.get().isOpen());
  }

  @Test
  void get_smallFileRange_copiedWithTheHead_andFileClosed() throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/v1/file?offset=7&length=" + ResponseWriter.SMALL_FILE)).build(),
            BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(FILE_DATA, 7, 7 + ResponseWriter.SMALL_FILE));
    Await.until("file channel closed", () -> !lastFile.get().isOpen());
  }

  @Test
  void get_fastPathAnswers_servedOnTheEventLoop() throws Exception {
    HttpResponse<String> response = get("/v1/fast?fast=1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("fast path, virtual=false");
  }

  @Test
  void get_fastPathDeclines_handlerRunsOnVirtualThread() throws Exception {
    HttpResponse<String> response = get("/v1/fast");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("handler, virtual=true");
  }

  @Test
  void get_fastPathThrows_answersAisErrorJson() throws Exception {
    HttpResponse<String> response = get("/v1/fast?fail=1");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("message").asText())
        .isEqualTo("ais://b/fast does not exist");
  }

  @Test
  void get_fastPath_pipelinedRequestsAnsweredInOrder() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "GET /v1/fast?fast=1 HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /v1/fast HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /v1/fast?fast=1 HTTP/1.0\r\n\r\n");
      assertThat(raw.read().text()).isEqualTo("fast path, virtual=false");
      assertThat(raw.read().text()).isEqualTo("handler, virtual=true");
      RawHttp.Reply last = raw.read();
      assertThat(last.text()).isEqualTo("fast path, virtual=false");
      assertThat(last.header("Connection")).isEqualToIgnoringCase("close");
    }
  }

  @Test
  void get_fastPath_severalPipelinedInOneWrite_allAnsweredInOrder() throws Exception {
    // fast-path answers are written while the pipeline is still being read: they must not
    // overtake each other, and a handler's answer after them comes last
    int count = 20;
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < count - 1; i++) {
      requests.append("GET /v1/fast?fast=").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    requests.append("GET /v1/fast HTTP/1.1\r\nHost: x\r\n\r\n");
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(requests.toString());
      for (int i = 0; i < count - 1; i++) {
        assertThat(raw.read().text()).as("response %d", i).isEqualTo("fast path, virtual=false");
      }
      assertThat(raw.read().text()).isEqualTo("handler, virtual=true");
    }
  }


  @Test
  void get_sharedFile_sendsTheSliceReleasesOnceAndLeavesTheChannelOpen() throws Exception {
    int before = sharedReleases.get();
    HttpResponse<byte[]> response =
        client.send(HttpRequest.newBuilder(uri("/v1/shared")).build(), BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(FILE_DATA, 100, 5100));
    Await.until("shared file released", () -> sharedReleases.get() == before + 1);
    assertThat(sharedFile.isOpen()).isTrue();
  }

  @Test
  void head_sharedFile_sendsNoBodyAndReleasesOnce() throws Exception {
    int before = sharedReleases.get();
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("HEAD /v1/shared HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read(true).header("Content-Length")).isEqualTo("5000");
      Await.until("shared file released", () -> sharedReleases.get() == before + 1);
      raw.send("GET /v1/objects/b/o HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().text()).isEqualTo("b|o");
    }
    assertThat(sharedFile.isOpen()).isTrue();
  }

  @Test
  void get_streamResponse_arrivesChunkedAndComplete() throws Exception {
    int size = 5 * 1024 * 1024 + 17;
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /v1/stream?size=" + size + " HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply head = raw.read(true);
      assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(head.header("Content-Length")).isNull();
    }
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri("/v1/stream?size=" + size)).build(),
            BodyHandlers.ofByteArray());

    byte[] expected = new byte[size];
    for (int i = 0; i < size; i++) {
      expected[i] = (byte) (i * 31);
    }
    assertThat(response.body()).isEqualTo(expected);
  }

  private static void writePattern(java.io.OutputStream out, int size) throws IOException {
    byte[] block = new byte[10_000];
    for (int done = 0; done < size; ) {
      int n = Math.min(block.length, size - done);
      for (int i = 0; i < n; i++) {
        block[i] = (byte) ((done + i) * 31);
      }
      out.write(block, 0, n);
      done += n;
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
