package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.DeleteObjectsMsg;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.client.JaisClient;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code delete-listrange} and {@code copy-listrange} across three targets: list, multi-group
 * template and prefix selections leave exactly the expected objects; counts add up over targets;
 * malformed requests are 400 and touch nothing.
 */
@JaisCluster(targets = 3)
class MultiObjectJobsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final JaisClient client;
  private final String endpoint;

  MultiObjectJobsIT(JaisClient client, io.jais.node.launch.LocalCluster cluster) {
    this.client = client;
    this.endpoint = cluster.endpoint();
  }

  private Bucket bucketWith(String name, List<String> objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (String object : objects) {
      client.objects().put(bucket, object, ("data of " + object).getBytes(StandardCharsets.UTF_8));
    }
    return bucket;
  }

  private Set<String> names(Bucket bucket) {
    return new TreeSet<>(client.buckets().listNames(bucket, ""));
  }

  private List<JobSnapshot> snapshots(String id) {
    return client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
  }

  private static long sum(List<JobSnapshot> snapshots, String stat) {
    return snapshots.stream().mapToLong(s -> s.stat(stat)).sum();
  }

  private static List<String> range(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%s%02d", prefix, i)).toList();
  }

  private static CopyObjectsMsg copy(Bucket to, String template, List<String> names, String prepend, boolean dryRun) {
    return new CopyObjectsMsg(to, template, names, prepend, "", null, dryRun, false, false, false, 0, false, false);
  }

  @Test
  void delete_list_removesExactlyThose_missingNameIsTheJobsError() {
    List<String> all = range("o-", 30);
    Bucket bucket = bucketWith("mo-del-list", all);
    List<String> doomed = new ArrayList<>(all.subList(5, 15));

    String id = client.buckets().deleteObjects(bucket, new DeleteObjectsMsg(null, doomed, 0, false, false));
    JobStatus status = client.jobs().await(id, WAIT);

    Set<String> expected = new TreeSet<>(all);
    doomed.forEach(expected::remove);
    assertThat(names(bucket)).isEqualTo(expected);
    assertThat(status.error()).isEmpty();
    assertThat(status.kind()).isEqualTo("delete-listrange");
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(10);

    String withMissing = client.buckets().deleteObjects(bucket,
        new DeleteObjectsMsg(null, List.of("o-20", "never-was"), 0, false, false));
    JobStatus failed = client.jobs().await(withMissing, WAIT);
    assertThat(failed.error()).contains("ais://mo-del-list/never-was does not exist");
    assertThat(names(bucket)).doesNotContain("o-20").hasSize(expected.size() - 1);
  }

  @Test
  void delete_templateWithTwoGroups_removesTheExpandedNamesOnly() {
    List<String> all = new ArrayList<>();
    for (int shard = 0; shard < 4; shard++) {
      for (int part = 0; part < 5; part++) {
        all.add("shard-" + shard + "/part-" + String.format("%03d", part));
      }
    }
    all.add("shard-1/other");
    Bucket bucket = bucketWith("mo-del-tmpl", all);

    String id = client.buckets().deleteObjects(bucket,
        new DeleteObjectsMsg("shard-{1..2}/part-{000..004..2}", null, 0, false, false));
    client.jobs().await(id, WAIT);

    Set<String> expected = new TreeSet<>(all);
    for (String gone : List.of("shard-1/part-000", "shard-1/part-002", "shard-1/part-004", "shard-2/part-000",
        "shard-2/part-002", "shard-2/part-004")) {
      expected.remove(gone);
    }
    assertThat(names(bucket)).isEqualTo(expected);
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(6);
  }

  @Test
  void delete_prefix_removesEverythingUnderIt() {
    List<String> all = new ArrayList<>(range("keep/", 10));
    all.addAll(range("drop/", 12));
    Bucket bucket = bucketWith("mo-del-prefix", all);

    String id = client.buckets().deleteObjects(bucket, new DeleteObjectsMsg("drop/", null, 2, false, false));
    client.jobs().await(id, WAIT);

    assertThat(names(bucket)).isEqualTo(new TreeSet<>(range("keep/", 10)));
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(12);
  }

  @Test
  void malformed_is400_startsNothing_deletesNothing() throws Exception {
    List<String> all = range("m-", 5);
    Bucket bucket = bucketWith("mo-malformed", all);
    int before = client.jobs().list(new JobQuery("delete-listrange", "", false)).size();
    Map<String, Integer> cases = Map.of(
        "{\"action\":\"delete-listrange\",\"value\":{\"template\":\"m-{0..3\"}}", 400,
        "{\"action\":\"delete-listrange\",\"value\":{\"template\":\"m-{3..0}\"}}", 400,
        "{\"action\":\"delete-listrange\",\"value\":{\"template\":\"m-{0..1}\",\"objnames\":[\"m-00\"]}}", 400,
        "{\"action\":\"delete-listrange\",\"value\":{\"objnames\":\"m-00\"}}", 400);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      HttpResponse<byte[]> reply = RawHttp.send("DELETE", endpoint + "/v1/buckets/mo-malformed?provider=ais",
          RawHttp.json(c.getKey()), "Content-Type", "application/json");
      assertThat(reply.statusCode()).as(c.getKey() + " -> " + RawHttp.text(reply)).isEqualTo(c.getValue());
    }
    HttpResponse<byte[]> noBucket = RawHttp.send("DELETE", endpoint + "/v1/buckets/mo-nonexistent?provider=ais",
        RawHttp.json("{\"action\":\"delete-listrange\",\"value\":{\"objnames\":[\"x\"]}}"));
    assertThat(noBucket.statusCode()).isEqualTo(404);
    HttpResponse<byte[]> noDestination = RawHttp.send("POST", endpoint + "/v1/buckets/mo-malformed?provider=ais",
        RawHttp.json("{\"action\":\"copy-listrange\",\"value\":{\"objnames\":[\"m-00\"]}}"));
    assertThat(noDestination.statusCode()).isEqualTo(400);
    HttpResponse<byte[]> remote = RawHttp.send("POST", endpoint + "/v1/buckets/mo-malformed?provider=ais",
        RawHttp.json("{\"action\":\"copy-listrange\",\"value\":{\"objnames\":[\"m-00\"],\"tobck\":{\"name\":\"x\",\"provider\":\"aws\"}}}"));
    assertThat(remote.statusCode()).isEqualTo(501);

    assertThat(names(bucket)).isEqualTo(new TreeSet<>(all));
    assertThat(client.jobs().list(new JobQuery("delete-listrange", "", false))).hasSize(before);
    assertThat(client.buckets().exists(Bucket.ais("x"))).isFalse();
  }

  @Test
  void evictAndPrefetch_onAnAisBucket_are400_asInAis_andTouchNothing() throws Exception {
    List<String> all = range("e-", 4);
    Bucket bucket = bucketWith("mo-evict", all);
    String url = endpoint + "/v1/buckets/mo-evict?provider=ais";
    for (String[] c : List.of(new String[] {"DELETE", "evict-listrange"}, new String[] {"DELETE", "evict-remote-bck"},
        new String[] {"POST", "prefetch-listrange"})) {
      HttpResponse<byte[]> reply = RawHttp.send(c[0], url,
          RawHttp.json("{\"action\":\"" + c[1] + "\",\"value\":{\"template\":\"e-{00..03}\"}}"));
      assertThat(reply.statusCode()).as(c[1]).isEqualTo(400);
      assertThat(RawHttp.text(reply)).contains(c[1] + ": expecting remote bucket (have ais://mo-evict)");
    }
    assertThat(names(bucket)).isEqualTo(new TreeSet<>(all));
  }

  @Test
  void copy_list_toANewBucket_createdLikeTheSource_withPrepend_countsAddUp() {
    List<String> all = range("c-", 20);
    Bucket source = bucketWith("mo-copy-src", all);
    client.buckets().setProps(source, json("{\"checksum\":{\"type\":\"md5\"}}"));
    Bucket destination = Bucket.ais("mo-copy-dst");
    List<String> chosen = all.subList(0, 12);

    String id = client.buckets().copyObjects(source, copy(destination, null, chosen, "copied/", false));
    JobStatus status = client.jobs().await(id, WAIT);

    assertThat(status.aborted()).isFalse();
    assertThat(status.error()).isEmpty();
    assertThat(names(destination)).isEqualTo(new TreeSet<>(chosen.stream().map(n -> "copied/" + n).toList()));
    for (String name : chosen) {
      assertThat(new String(client.objects().get(destination, "copied/" + name), StandardCharsets.UTF_8))
          .isEqualTo("data of " + name);
    }
    assertThat(client.buckets().props(destination).checksum().type()).isEqualTo("md5");
    List<JobSnapshot> snapshots = snapshots(id);
    assertThat(sum(snapshots, JobSnapshot.STAT_OBJECTS)).isEqualTo(12);
    assertThat(sum(snapshots, JobSnapshot.STAT_OUT_OBJECTS)).isBetween(1L, 12L);
    assertThat(names(source)).hasSize(20);

    String again = client.buckets().copyObjects(source, copy(destination, null, chosen, "copied/", false));
    client.jobs().await(again, WAIT);
    assertThat(names(destination)).as("a retry copies the same objects").hasSize(12);
  }

  @Test
  void copy_templateAndPrefix_andWithinTheSameBucket() {
    List<String> all = new ArrayList<>(range("a-", 10));
    all.addAll(range("b/", 6));
    Bucket source = bucketWith("mo-copy-sel", all);
    Bucket byTemplate = Bucket.ais("mo-copy-tmpl");
    client.buckets().create(byTemplate);

    client.jobs().await(client.buckets().copyObjects(source, copy(byTemplate, "a-{00..08..2}", null, "", false)), WAIT);
    client.jobs().await(client.buckets().copyObjects(source, copy(source, "b/", null, "again-", false)), WAIT);

    assertThat(names(byTemplate)).containsExactly("a-00", "a-02", "a-04", "a-06", "a-08");
    Set<String> expected = new TreeSet<>(all);
    range("b/", 6).forEach(n -> expected.add("again-" + n));
    assertThat(names(source)).isEqualTo(expected);
  }

  @Test
  void copy_wholeBucketIntoItself_copiesEachObjectOnce() {
    List<String> all = range("w-", 15);
    Bucket bucket = bucketWith("mo-copy-self", all);

    String id = client.buckets().copyObjects(bucket, copy(bucket, "", null, "x", false));
    client.jobs().await(id, WAIT);

    Set<String> expected = new TreeSet<>(all);
    all.forEach(n -> expected.add("x" + n));
    assertThat(names(bucket)).isEqualTo(expected);
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(15);
  }

  @Test
  void copy_dryRun_countsButCopiesAndCreatesNothing() {
    List<String> all = range("d-", 8);
    Bucket source = bucketWith("mo-copy-dry", all);
    Bucket destination = Bucket.ais("mo-copy-dry-dst");

    String id = client.buckets().copyObjects(source, copy(destination, "", null, "", true));
    client.jobs().await(id, WAIT);

    assertThat(client.buckets().exists(destination)).isFalse();
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(8);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return io.jais.api.json.WireJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
