package io.jais.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jais.cli.Main;
import io.jais.cli.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job commands against a stand-in for an AIS proxy that has jobs (JAIS has none yet): it
 * answers the spec §11 requests with canned documents and records what it was asked.
 */
class JobCommandsTest {
  private static final String STATUS_ALL = """
      [{"kind":"lru","uuid":"Lx1","err":"","end_time":1755701234567890123,"aborted":false},
       {"kind":"copy-bck","uuid":"Cp2","err":"","end_time":0,"aborted":false}]""";
  private static final String SNAPSHOTS = """
      {"tB":[{"id":"Cp2","kind":"copy-bck","start-time":"2026-08-20T10:01:02Z","end-time":"0001-01-01T00:00:00Z",
        "bck":{"name":"src","provider":"ais","namespace":{"uuid":"","name":""}},"abort-err":"","err":"",
        "stats":{"loc-objs":"4","loc-bytes":"40960"},"aborted":false,"is_idle":false}],"tA":[]}""";

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
    requests.add(exchange.getRequestMethod() + " " + query + " " + body);
    String reply = switch (query) {
      case "what=status_all" -> STATUS_ALL;
      case "what=qryxstats" -> SNAPSHOTS;
      case "what=status" -> "{\"kind\":\"lru\",\"uuid\":\"Lx1\",\"err\":\"\",\"end_time\":5,\"aborted\":false}";
      default -> body.contains("\"start\"") ? "\"Nw3\"" : "";
    };
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    int status;
    try (Session session = new Session(Map.of("AIS_ENDPOINT", endpoint), new ByteArrayInputStream(new byte[0]), out, err)) {
      status = Main.run(session, args);
    }
    return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void jobLs_statusAll_oneLinePerJob() {
    String[] result = run("job", "ls");

    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).containsPattern("ID +KIND +STATE +END")
        .containsPattern("Lx1 +lru +Finished +2025-08-20T")
        .containsPattern("Cp2 +copy-bck +Running +-");
  }

  @Test
  void showJob_snapshotsPerTarget_inAisColumns() {
    String[] result = run("show", "job", "copy-bck");

    assertThat(result[1]).containsPattern("NODE +ID +KIND +BUCKET +OBJECTS +BYTES +START +END +STATE")
        .containsPattern("tB +Cp2 +copy-bck +ais://src +4 +40\\.00KiB .* Running");
    assertThat(requests.getLast()).contains("\"Kind\":\"copy-bck\"").contains("\"ID\":\"\"");
  }

  @Test
  void jobStartStopWait_sendTheAisActions() {
    String[] started = run("job", "start", "lru");
    String[] stopped = run("job", "stop", "Cp2");
    String[] waited = run("job", "wait", "Lx1");

    assertThat(started[1]).contains("Started lru[Nw3]");
    assertThat(requests.get(0)).startsWith("PUT ").contains("\"action\":\"start\"").contains("\"Kind\":\"lru\"");
    assertThat(stopped[1]).contains("Stopped job Cp2");
    assertThat(requests.get(1)).contains("\"action\":\"stop\"").contains("\"ID\":\"Cp2\"");
    assertThat(waited[0]).isEqualTo("0");
    assertThat(waited[1]).contains("Job lru[Lx1] finished");
  }
}
