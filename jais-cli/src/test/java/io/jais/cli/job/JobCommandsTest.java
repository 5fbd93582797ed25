package io.jais.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jais.api.json.WireJson;
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
import java.util.concurrent.ConcurrentHashMap;
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
  /** Per job ID, the snapshots the stand-in answers with, one element per poll (the last one repeats). */
  private final Map<String, List<String>> snapshotsById = new ConcurrentHashMap<>();
  private final Map<String, Integer> pollsById = new ConcurrentHashMap<>();
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
    String id = query.startsWith("what=") ? WireJson.MAPPER.readTree(body).path("ID").asText("") : "";
    int status = 200;
    String reply = switch (query) {
      case "what=status_all" -> STATUS_ALL;
      case "what=qryxstats" -> id.isEmpty() ? SNAPSHOTS : snapshotsOf(id);
      case "what=status" -> switch (id) {
        case "Lx1" -> "{\"kind\":\"lru\",\"uuid\":\"Lx1\",\"err\":\"\",\"end_time\":5,\"aborted\":false}";
        case "Fl4" -> "{\"kind\":\"lru\",\"uuid\":\"Fl4\",\"err\":\"disk full\",\"end_time\":7,\"aborted\":false}";
        default -> null;
      };
      default -> body.contains("\"start\"") ? "\"Nw3\"" : "";
    };
    if (reply == null) {
      status = 404;
      reply = "{\"message\":\"job " + id + " does not exist\",\"status\":404}";
    }
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** The next canned answer for a qryxstats by ID; null (a 404) for an ID no target knows. */
  private String snapshotsOf(String id) {
    List<String> answers = snapshotsById.get(id);
    if (answers == null) {
      return null;
    }
    int poll = pollsById.merge(id, 1, Integer::sum) - 1;
    return answers.get(Math.min(poll, answers.size() - 1));
  }

  /** Two targets' snapshots of one job, as AIS answers a qryxstats by ID. */
  private static String snapshots(String id, String kind, boolean idle, String abortError) {
    String one = """
        [{"id":"%s","kind":"%s","start-time":"2026-08-20T10:01:02Z","end-time":"0001-01-01T00:00:00Z",
          "bck":{"name":"src","provider":"ais","namespace":{"uuid":"","name":""}},"abort-err":"%s","err":"",
          "stats":{"loc-objs":"1","loc-bytes":"10"},"aborted":%s,"is_idle":%s}]"""
        .formatted(id, kind, abortError, !abortError.isEmpty(), idle);
    return "{\"tA\":" + one + ",\"tB\":" + one + "}";
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
        .containsPattern("Lx1 +lru +Finished +20 Aug 25 14:47:14 UTC")
        .containsPattern("Cp2 +copy-bck +Running +-");
  }

  @Test
  void jobLsAndShow_json_areTheWireDocuments() throws Exception {
    String[] list = run("job", "ls", "--json");
    String[] shown = run("job", "show", "copy-bck", "--json");

    assertThat(WireJson.MAPPER.readTree(list[1]).findValuesAsText("uuid")).containsExactly("Lx1", "Cp2");
    assertThat(WireJson.MAPPER.readTree(shown[1]).get("tB").get(0).get("stats").get("loc-objs").asText()).isEqualTo("4");
  }

  @Test
  void jobLsRunning_asksForActiveJobsOnly() {
    String[] result = run("job", "ls", "lru", "--running");

    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(requests.getLast()).startsWith("GET what=status_all ").contains("\"kind\":\"lru\"")
        .contains("\"show_active\":true");
  }

  @Test
  void showJob_snapshotsPerTarget_inAisColumns() {
    String[] result = run("show", "job", "copy-bck");

    assertThat(result[1]).containsPattern("NODE +ID +KIND +BUCKET +OBJECTS +BYTES +START +END +STATE")
        .containsPattern("tB +Cp2 +copy-bck +ais://src +4 +40\\.00KiB +20 Aug 26 10:01:02 UTC +- +Running");
    assertThat(requests.getLast()).contains("\"Kind\":\"copy-bck\"").contains("\"ID\":\"\"");
  }

  @Test
  void jobWait_demandJob_isDoneOnceTwoPollsInARowFindItIdle() {
    snapshotsById.put("Cl5", List.of(snapshots("Cl5", "copy-listrange", false, ""),
        snapshots("Cl5", "copy-listrange", false, ""), snapshots("Cl5", "copy-listrange", true, "")));

    String[] result = run("job", "wait", "Cl5", "--timeout", "PT10S");

    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).contains("Job copy-listrange[Cl5] is idle");
    // one poll for the kind, one busy, then idle twice; never the status query, which demand jobs lack
    assertThat(requests).filteredOn(r -> r.contains("what=qryxstats")).hasSize(4);
    assertThat(requests).noneMatch(r -> r.contains("what=status "));
  }

  @Test
  void jobWait_demandJobAborted_failsAtOnceWithTheReason() {
    snapshotsById.put("Ab6", List.of(snapshots("Ab6", "put-copies", false, "aborted by user")));

    String[] result = run("job", "wait", "Ab6", "--timeout", "PT10S");

    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2].strip()).isEqualTo("job put-copies[Ab6]: Aborted");
    assertThat(requests).hasSize(2);
  }

  @Test
  void jobWait_terminalJobFailed_exitsOneWithItsError() {
    snapshotsById.put("Fl4", List.of(snapshots("Fl4", "lru", false, "")));

    String[] result = run("job", "wait", "Fl4", "--timeout", "PT10S");

    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2].strip()).isEqualTo("job lru[Fl4]: Failed: disk full");
  }

  @Test
  void jobWait_unknownId_oneLineNotFound() {
    String[] result = run("job", "wait", "Nope9");

    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2].lines()).hasSize(1);
    assertThat(result[2]).contains("Nope9");
  }

  @Test
  void jobWait_stillRunningAtTheTimeout_saysSoAndExitsOne() {
    snapshotsById.put("Sl7", List.of(snapshots("Sl7", "archive", false, "")));

    String[] result = run("job", "wait", "Sl7", "--timeout", "PT0.3S");

    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2].strip()).contains("archive[Sl7] is still running after");
  }

  @Test
  void jobStartStopWait_sendTheAisActions() {
    snapshotsById.put("Lx1", List.of(snapshots("Lx1", "lru", false, "")));

    String[] started = run("job", "start", "lru");
    String[] stopped = run("job", "stop", "Cp2");
    String[] waited = run("job", "wait", "Lx1");

    assertThat(started[1]).contains("Started lru[Nw3]");
    assertThat(requests.get(0)).startsWith("PUT ").contains("\"action\":\"start\"").contains("\"Kind\":\"lru\"");
    assertThat(stopped[1]).contains("Stopped job Cp2");
    assertThat(requests.get(1)).contains("\"action\":\"stop\"").contains("\"ID\":\"Cp2\"");
    assertThat(requests.getLast()).startsWith("GET what=status ").contains("\"ID\":\"Lx1\"");
    assertThat(waited[0]).isEqualTo("0");
    assertThat(waited[1]).contains("Job lru[Lx1] finished");
  }
}
