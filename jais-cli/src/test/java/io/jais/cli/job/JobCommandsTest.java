package io.jais.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.DeleteObjectsMsg;
import io.jais.api.json.WireJson;
import io.jais.cli.Main;
import io.jais.cli.Session;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job commands against a real two-target cluster, on real jobs. */
@JaisCluster(targets = 2)
class JobCommandsTest {
  private static final Pattern STARTED = Pattern.compile("Started [a-z-]+\\[([A-Za-z0-9_-]+)\\]");

  private final String endpoint;
  private final JaisClient client;

  JobCommandsTest(LocalCluster cluster, JaisClient client) {
    this.endpoint = cluster.endpoint();
    this.client = client;
  }

  /** What one command line did. */
  private record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (Session session = new Session(Map.of("AIS_ENDPOINT", endpoint), new ByteArrayInputStream(new byte[0]), out, err)) {
      status = Main.run(session, args);
    }
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String startedId(Result result) {
    Matcher m = STARTED.matcher(result.out());
    assertThat(m.find()).as(result.toString()).isTrue();
    return m.group(1);
  }

  private Bucket bucketWith(String name, int objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (int i = 0; i < objects; i++) {
      client.objects().put(bucket, "obj-" + i, new byte[1000]);
    }
    return bucket;
  }

  @Test
  void startLruAndWait_thenShowAll_listsItPerTargetInAisColumns() {
    Result started = run("job", "start", "lru", "--wait");

    assertThat(started.status()).as(started.toString()).isZero();
    String id = startedId(started);
    assertThat(started.out()).as("as ais: the kind, then the display name while waiting").isEqualTo("Started lru[" + id
        + "]. To monitor the progress, run 'jais show job " + id + "'\nWaiting for lru-eviction[" + id + "] ...\nDone.\n");

    Result shown = run("show", "job", "lru", "--all");

    assertThat(shown.status()).as(shown.toString()).isZero();
    assertThat(shown.out()).contains("lru-eviction[" + id + "] (ctl:").contains(": all buckets;")
        .containsPattern("NODE +ID +KIND +OBJECTS +BYTES +START +END +STATE")
        .containsPattern("t\\S+ +" + id + " +lru +- +- +\\d\\d:\\d\\d:\\d\\d +\\d\\d:\\d\\d:\\d\\d +Finished");
    assertThat(shown.out().lines().filter(line -> line.contains(" Finished")).count()).isGreaterThanOrEqualTo(2);
    assertThat(run("show", "job", "lru").out()).contains("No running lru-eviction jobs");
  }

  @Test
  void copyJob_waitIdle_showFromTo_withTotals_stopThenWaitFails() throws Exception {
    Bucket source = bucketWith("cli-copy-src", 12);
    String id = client.buckets().copyObjects(source, new CopyObjectsMsg(Bucket.ais("cli-copy-dst"), "obj-{0..11}",
        null, "", "", null, false, false, false, false, 0, false, false));

    Result waited = run("job", "wait", id, "--timeout", "60s", "--progress");
    Result byKind = run("job", "wait", "copy-objects", "--timeout", "60s");
    Result shown = run("job", "show", id);
    Result stopped = run("job", "stop", id);
    Result afterStop = run("job", "wait", id, "--timeout", "PT60S");

    assertThat(waited.status()).as(waited.toString()).isZero();
    assertThat(waited.out()).isEqualTo("Waiting for copy-objects[" + id + "] ...\nDone.\n");
    assertThat(byKind.out()).as("by kind, as ais: every running job of the kind").isEqualTo(waited.out());
    assertThat(waited.err()).contains("job " + id).contains("12 objects").contains("targets done");
    assertThat(shown.out()).contains("copy-objects[" + id + "] (ctl: ais://cli-copy-src=>ais://cli-copy-dst")
        .containsPattern("NODE +ID +KIND +SRC BUCKET +DST BUCKET +OBJECTS +BYTES +START +END +STATE")
        .containsPattern(id + " +copy-listrange +ais://cli-copy-src +ais://cli-copy-dst +\\d+ .* +- +Idle")
        .containsPattern("Total: +12 +11\\.72KiB");
    assertThat(stopped.out()).isEqualTo("Stopped copy-objects[" + id + "]\n");
    assertThat(afterStop.status()).isEqualTo(1);
    assertThat(afterStop.err().strip()).isEqualTo("job copy-objects[" + id + "]: aborted: user abort");
  }

  @Test
  void terminalJobWithErrors_waitExitsOneWithTheError() {
    Bucket bucket = bucketWith("cli-del", 2);
    String id = client.buckets().deleteObjects(bucket, new DeleteObjectsMsg(null, List.of("obj-0", "missing"), 0,
        false, false));

    Result waited = run("job", "wait", id);

    assertThat(waited.status()).isEqualTo(1);
    assertThat(waited.err().strip()).isEqualTo("job delete-objects[" + id + "]: failed: ais://cli-del/missing does not exist");
    assertThat(run("show", "job", id).out()).contains("Finished with errors: \"ais://cli-del/missing does not exist\"");
  }

  @Test
  void startScrubOnABucketWithPrefix_andCleanupKeepingMisplaced_showJson() throws Exception {
    bucketWith("cli-scrub", 3);

    Result scrub = run("job", "start", "scrub", "ais://cli-scrub", "--prefix", "obj-1", "--wait");
    Result cleanup = run("job", "start", "cleanup", "--keep-misplaced", "--wait");
    Result idOnly = run("job", "start", "lru", "--nv");

    assertThat(scrub.status()).as(scrub.toString()).isZero();
    assertThat(cleanup.status()).as(cleanup.toString()).isZero();
    assertThat(cleanup.out()).contains("Started cleanup-store[");
    assertThat(idOnly.out()).as("--nv: the ID alone, as ais").matches("[A-Za-z0-9_-]+\n");
    String id = startedId(scrub);
    JsonNode json = WireJson.MAPPER.readTree(run("job", "ls", id, "--json").out());
    long checked = 0;
    for (JsonNode snapshots : json) {
      JsonNode snapshot = snapshots.get(0);
      assertThat(snapshot.get("kind").asText()).isEqualTo("scrub");
      assertThat(snapshot.get("ctlmsg").asText()).contains("prefix:obj-1");
      checked += snapshot.get("stats").get("loc-objs").asLong();
    }
    assertThat(checked).isEqualTo(1);
    assertThat(WireJson.MAPPER.readTree(run("show", "job", "cleanup", "--all", "--json").out()).toString())
        .contains("keep misplaced");
  }

  @Test
  void refresh_repeatsWhileTheJobRuns_atMostCountTimes() {
    Bucket source = bucketWith("cli-refresh", 1);
    String id = client.buckets().copyObjects(source, new CopyObjectsMsg(source, null, List.of("obj-0"), "copy-", "",
        null, false, false, false, false, 0, false, false));

    Result shown = run("show", "job", id, "--refresh", "100ms", "--count", "3");

    assertThat(shown.status()).as(shown.toString()).isZero();
    assertThat(shown.out().lines().filter(line -> line.startsWith("copy-objects[" + id + "]")).count()).isEqualTo(3);
    client.jobs().stop(io.jais.api.job.JobArgs.ofId(id));
  }

  @Test
  void errors_areOneLine_exitOne() {
    Result unknownKind = run("job", "start", "nonsense");
    Result unknownId = run("job", "wait", "NoSuchJob9");
    Result notByKind = run("job", "start", "delete-listrange");

    assertThat(unknownKind.status()).isEqualTo(1);
    assertThat(unknownKind.err().lines()).hasSize(1);
    assertThat(unknownKind.err()).contains("invalid job kind \"nonsense\"");
    assertThat(unknownId.status()).isEqualTo(1);
    assertThat(unknownId.err().lines()).hasSize(1);
    assertThat(unknownId.err()).contains("NoSuchJob9");
    assertThat(notByKind.err()).contains("cannot be started by kind");
  }
}
