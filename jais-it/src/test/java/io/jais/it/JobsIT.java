package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job API on a proxy, over the wire and through the Java SDK: start, stop, status, status_all,
 * qryxstats and running_all, aggregated over three targets; unknown IDs, unknown kinds and
 * malformed messages are 4xx and start nothing; a non-primary proxy forwards starts and stops.
 */
@JaisCluster(proxies = 2, targets = 3)
class JobsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final LocalCluster cluster;
  private final JaisClient client;
  private final String endpoint;

  JobsIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
    this.endpoint = cluster.endpoint();
  }

  private HttpResponse<byte[]> clusterPut(String url, String body) throws Exception {
    return RawHttp.send("PUT", url + "/v1/cluster", RawHttp.json(body), "Content-Type", "application/json");
  }

  private HttpResponse<byte[]> clusterGet(String what, String body) throws Exception {
    return RawHttp.send("GET", endpoint + "/v1/cluster?what=" + what, RawHttp.json(body), "Content-Type", "application/json");
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return WireJson.MAPPER.readTree(response.body());
  }

  private List<JobSnapshot> snapshotsOf(String id) {
    return client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
  }

  @Test
  void lru_startedByKind_endsOnEveryTarget_statusHasAnEndTime() throws Exception {
    Instant before = Instant.now();
    HttpResponse<byte[]> started = clusterPut(endpoint, """
        {"action":"start","name":"","value":{"ID":"","Kind":"lru","DaemonID":"","Bck":null,"Buckets":null}}""");
    assertThat(started.statusCode()).isEqualTo(200);
    String id = RawHttp.text(started);
    assertThat(id).matches("[A-Za-z][A-Za-z0-9_-]{8,}");

    JobStatus status = client.jobs().await(id, WAIT);

    assertThat(status.kind()).isEqualTo("lru");
    assertThat(status.id()).isEqualTo(id);
    assertThat(status.endTimeNanos()).isGreaterThan(before.getEpochSecond() * 1_000_000_000L);
    assertThat(status.aborted()).isFalse();
    assertThat(status.error()).isEmpty();
    Map<String, List<JobSnapshot>> byTarget = client.jobs().snapshots(JobArgs.ofId(id));
    assertThat(byTarget.keySet()).containsExactlyInAnyOrderElementsOf(
        cluster.targets().stream().map(t -> t.snode().id()).toList());
    for (List<JobSnapshot> snapshots : byTarget.values()) {
      JobSnapshot snapshot = snapshots.getFirst();
      assertThat(snapshot.finished()).isTrue();
      assertThat(snapshot.idle()).isTrue();
      assertThat(snapshot.stat(JobSnapshot.STAT_OBJECTS)).as("ais buckets are never evicted").isZero();
      assertThat(snapshot.ctlmsg()).contains("below high watermark 90%");
      assertThat(JobSnapshot.parseTime(snapshot.startTime())).isAfterOrEqualTo(before.minusSeconds(1));
    }
  }

  @Test
  void displayName_cleanup_isCleanupStore_andStatusAllKeepsFinishedJobs() throws Exception {
    String cleanup = client.jobs().start("cleanup", null);
    String lru1 = client.jobs().start("lru-eviction", null);
    String lru2 = client.jobs().start("lru", null);
    client.jobs().await(cleanup, WAIT);
    client.jobs().await(lru1, WAIT);
    client.jobs().await(lru2, WAIT);

    List<JobStatus> all = client.jobs().list(new JobQuery("", "", false));
    List<JobStatus> lrus = client.jobs().list(new JobQuery("lru-eviction", "", false));

    assertThat(all).extracting(JobStatus::id).contains(cleanup, lru1, lru2);
    assertThat(all).filteredOn(s -> s.id().equals(cleanup)).singleElement()
        .satisfies(s -> assertThat(s.kind()).isEqualTo("cleanup-store"));
    assertThat(lrus).extracting(JobStatus::id).contains(lru1, lru2).doesNotContain(cleanup);
    assertThat(lrus).allMatch(JobStatus::finished);
    assertThat(client.jobs().list(new JobQuery("lru", "", true))).extracting(JobStatus::id).doesNotContain(lru1, lru2);
  }

  @Test
  void qryxstats_byKindWithNoJob_everyTargetAnswersAnEmptyList() throws Exception {
    HttpResponse<byte[]> reply = clusterGet("qryxstats", "{\"ID\":\"\",\"Kind\":\"prefetch-objects\"}");

    assertThat(reply.statusCode()).isEqualTo(200);
    JsonNode byTarget = json(reply);
    assertThat(byTarget.size()).isEqualTo(3);
    byTarget.forEach(list -> assertThat(list.isArray() && list.isEmpty()).isTrue());
  }

  @Test
  void unknownId_is404_forStatusAndSnapshots_stopIsANoOp() throws Exception {
    assertThat(clusterGet("status", "{\"ID\":\"NoSuchJob1\",\"Kind\":\"\"}").statusCode()).isEqualTo(404);
    assertThat(clusterGet("qryxstats", "{\"ID\":\"NoSuchJob1\"}").statusCode()).isEqualTo(404);
    assertThat(clusterPut(endpoint, "{\"action\":\"stop\",\"value\":{\"ID\":\"NoSuchJob1\"}}").statusCode()).isEqualTo(200);
  }

  @Test
  void badStarts_are4xxWithAReason_andStartNothing() throws Exception {
    client.buckets().create(Bucket.ais("jobs-bad-starts"));
    int before = client.jobs().list(new JobQuery("", "", false)).size();
    Map<String, Integer> cases = new java.util.LinkedHashMap<>();
    cases.put("{\"action\":\"start\",\"value\":{\"Kind\":\"no-such-kind\"}}", 400);
    cases.put("{\"action\":\"start\",\"value\":{\"Kind\":\"\"}}", 400);
    cases.put("{\"action\":\"start\"}", 400);
    cases.put("{\"action\":\"start\",\"value\":[1,2]}", 400);
    cases.put("{\"action\":\"start\",\"value\":{\"Kind\":\"delete-listrange\"}}", 400);
    cases.put("{\"action\":\"start\",\"value\":{\"Kind\":\"load-lom-cache\"}}", 400);
    cases.put("{\"action\":\"start\",\"value\":{\"Kind\":\"lru\",\"Bck\":{\"name\":\"no-such-bucket\",\"provider\":\"ais\"}}}", 404);
    cases.put("{\"action\":\"start\",\"value\":{\"Kind\":\"rechunk\",\"Bck\":{\"name\":\"jobs-bad-starts\",\"provider\":\"ais\"}}}", 501);
    cases.put("{\"action\":\"stop\",\"value\":{\"ID\":\"\",\"Kind\":\"\"}}", 400);
    cases.put("{\"action\":\"stop\",\"value\":{\"Kind\":\"bogus\"}}", 400);
    cases.put("{\"action\":\"stop\",\"value\":{\"ID\":\"../x\"}}", 400);
    cases.put("{not json", 400);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      HttpResponse<byte[]> reply = clusterPut(endpoint, c.getKey());
      assertThat(reply.statusCode()).as(c.getKey() + " -> " + RawHttp.text(reply)).isEqualTo(c.getValue());
      if (reply.statusCode() != 501) {
        assertThat(json(reply).get("message").asText()).as(c.getKey()).isNotEmpty();
      }
    }
    assertThat(clusterGet("status", "{}").statusCode()).isEqualTo(400);
    assertThat(clusterGet("qryxstats", "{\"Kind\":\"bogus\"}").statusCode()).isEqualTo(400);
    assertThat(clusterGet("status_all", "{\"kind\":\"bogus\"}").statusCode()).isEqualTo(400);
    assertThat(clusterGet("running_all", "{\"kind\":\"bogus\"}").statusCode()).isEqualTo(400);

    assertThat(client.jobs().list(new JobQuery("", "", false))).hasSize(before);
    assertThat(client.jobs().snapshots(JobArgs.ofKind("rechunk")).values()).allMatch(List::isEmpty);
  }

  @Test
  void copyJob_isRunningButIdle_listedInRunningAll_untilStopped() throws Exception {
    Bucket source = Bucket.ais("jobs-run-src");
    client.buckets().create(source);
    client.objects().put(source, "one", "content".getBytes());
    String id = client.buckets().copyObjects(source, new CopyObjectsMsg(Bucket.ais("jobs-run-dst"), null, List.of("one"),
        "", "", null, false, false, false, false, 0, false, false));

    JobStatus idle = client.jobs().await(id, WAIT);
    assertThat(idle.idle()).isTrue();
    assertThat(idle.aborted()).isFalse();
    assertThat(client.jobs().running(new JobQuery("", "", true))).contains("copy-listrange[" + id + "]");
    assertThat(client.jobs().running(new JobQuery("copy-objects", "", true))).contains("copy-listrange[" + id + "]");
    assertThat(client.jobs().running(new JobQuery("lru", "", true))).doesNotContain("copy-listrange[" + id + "]");
    assertThat(snapshotsOf(id)).allSatisfy(s -> {
      assertThat(s.idle()).isTrue();
      assertThat(s.finished()).isFalse();
      assertThat(s.sourceBucket().name()).isEqualTo("jobs-run-src");
      assertThat(s.destinationBucket().name()).isEqualTo("jobs-run-dst");
    });
    assertThat(clusterGet("status", "{\"ID\":\"" + id + "\"}").statusCode()).as("demand kinds have no status").isEqualTo(404);

    client.jobs().stop(JobArgs.ofId(id));

    io.jais.testkit.Await.until("stopped everywhere", WAIT, () -> snapshotsOf(id).stream().allMatch(JobSnapshot::finished));
    assertThat(snapshotsOf(id)).allSatisfy(s -> {
      assertThat(s.aborted()).isTrue();
      assertThat(s.abortError()).isEqualTo("user abort");
    });
    assertThat(client.jobs().running(new JobQuery("", "", true))).doesNotContain("copy-listrange[" + id + "]");
  }

  @Test
  void nonPrimaryProxy_forwardsStartAndStop_andAnswersQueries() throws Exception {
    String other = cluster.proxies().get(1).url();
    HttpResponse<byte[]> started = clusterPut(other, "{\"action\":\"start\",\"value\":{\"Kind\":\"cleanup\"}}");
    assertThat(started.statusCode()).as(RawHttp.text(started)).isEqualTo(200);
    String id = RawHttp.text(started);

    try (JaisClient viaOther = JaisClient.create(other)) {
      JobStatus status = viaOther.jobs().await(id, WAIT);
      assertThat(status.kind()).isEqualTo("cleanup-store");
      assertThat(viaOther.jobs().snapshots(JobArgs.ofId(id))).hasSize(3);
    }
    assertThat(clusterPut(other, "{\"action\":\"stop\",\"value\":{\"Kind\":\"lru\"}}").statusCode()).isEqualTo(200);
  }

  @Test
  void status_byKindOnly_isTheLatestJobOfTheKind() throws Exception {
    String first = client.jobs().start("lru", null);
    client.jobs().await(first, WAIT);
    String latest = client.jobs().start("lru", null);
    client.jobs().await(latest, WAIT);

    JsonNode status = json(clusterGet("status", "{\"ID\":\"\",\"Kind\":\"lru\"}"));

    assertThat(status.get("uuid").asText()).isEqualTo(latest);
    assertThat(status.get("end_time").asLong()).isPositive();
    assertThat(status.has("is_idle")).isTrue();
  }

  @Test
  void bucketSummary_isASummaryJob_visibleInSnapshots() throws Exception {
    Bucket bucket = Bucket.ais("jobs-summary");
    client.buckets().create(bucket);
    for (int i = 0; i < 7; i++) {
      client.objects().put(bucket, "s" + i, new byte[100 + i]);
    }

    var summary = client.buckets().summary(bucket, "", WAIT);

    assertThat(summary.counts().present()).isEqualTo(7);
    List<JobSnapshot> summaries = client.jobs().snapshots(JobArgs.ofKind("summary")).values().stream()
        .flatMap(List::stream).filter(s -> s.bucket().name().equals("jobs-summary")).toList();
    assertThat(summaries).hasSize(3);
    assertThat(summaries.stream().mapToLong(s -> s.stat(JobSnapshot.STAT_OBJECTS)).sum()).isEqualTo(7);
  }

  @Test
  void client_await_unknownId_isNotFound() {
    assertThatThrownBy(() -> client.jobs().await("NoSuchJob2", Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
