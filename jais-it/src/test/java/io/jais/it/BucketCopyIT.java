package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.CopyBucketMsg;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.client.JaisClient;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code copy-bck} and {@code move-bck} across three targets: the destination ends with exactly
 * the expected names and bytes, counts add up over targets, some objects cross targets; a dry run
 * creates and copies nothing; a rename leaves the source gone; bad requests are 4xx and change
 * nothing.
 */
@JaisCluster(targets = 3)
class BucketCopyIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final JaisClient client;
  private final String endpoint;
  private final io.jais.node.launch.LocalCluster cluster;

  BucketCopyIT(JaisClient client, io.jais.node.launch.LocalCluster cluster) {
    this.client = client;
    this.endpoint = cluster.endpoint();
    this.cluster = cluster;
  }

  private Bucket bucketWith(String name, List<String> objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (String object : objects) {
      client.objects().put(bucket, object, body(object));
    }
    return bucket;
  }

  private static byte[] body(String name) {
    return ("data of " + name + " ".repeat(name.length() * 37)).getBytes(StandardCharsets.UTF_8);
  }

  /** Every object of the bucket with its bytes. */
  private Map<String, String> contents(Bucket bucket) {
    Map<String, String> all = new TreeMap<>();
    for (String name : client.buckets().listNames(bucket, "")) {
      all.put(name, new String(client.objects().get(bucket, name), StandardCharsets.UTF_8));
    }
    return all;
  }

  private static Map<String, String> expected(List<String> names, String prepend) {
    Map<String, String> all = new TreeMap<>();
    names.forEach(n -> all.put(prepend + n, new String(body(n), StandardCharsets.UTF_8)));
    return all;
  }

  private List<JobSnapshot> snapshots(String id) {
    return client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
  }

  private static long sum(List<JobSnapshot> snapshots, String stat) {
    return snapshots.stream().mapToLong(s -> s.stat(stat)).sum();
  }

  private static List<String> range(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%s%03d", prefix, i)).toList();
  }

  private static CopyBucketMsg msg(String prefix, String prepend, Map<String, String> ext, boolean dryRun) {
    return new CopyBucketMsg(prefix, prepend, ext, dryRun, false, false, false, 0, false);
  }

  @Test
  void copy_wholeBucket_toANewBucket_sameNamesAndBytes_countsAddUp() {
    List<String> all = new ArrayList<>(range("img/", 40));
    all.addAll(range("txt/", 20));
    Bucket source = bucketWith("bc-src", all);
    Bucket destination = Bucket.ais("bc-dst");

    String id = client.buckets().copyBucket(source, destination, msg("", "", null, false));
    JobStatus status = client.jobs().await(id, WAIT);

    assertThat(status.kind()).isEqualTo("copy-bck");
    assertThat(status.aborted()).isFalse();
    assertThat(status.error()).isEmpty();
    assertThat(contents(destination)).isEqualTo(expected(all, ""));
    assertThat(contents(source)).isEqualTo(expected(all, ""));
    List<JobSnapshot> snapshots = snapshots(id);
    assertThat(snapshots).hasSize(3);
    assertThat(sum(snapshots, JobSnapshot.STAT_OBJECTS)).isEqualTo(60);
    assertThat(sum(snapshots, JobSnapshot.STAT_OUT_OBJECTS)).as("objects sent target to target").isBetween(1L, 59L);

    String again = client.buckets().copyBucket(source, destination, msg("", "", null, false));
    client.jobs().await(again, WAIT);
    assertThat(contents(destination)).as("a retry copies the same objects").isEqualTo(expected(all, ""));
  }

  @Test
  void copy_prefixPrependAndExtension_intoAnExistingBucket_keepsWhatItHad() {
    List<String> all = List.of("a/1.jpg", "a/2.jpg", "a/3.txt", "b/4.jpg");
    Bucket source = bucketWith("bc-sel-src", all);
    Bucket destination = bucketWith("bc-sel-dst", List.of("old"));

    String id = client.buckets().copyBucket(source, destination, msg("a/", "new-", Map.of("jpg", "png"), false));
    client.jobs().await(id, WAIT);

    Map<String, String> expected = new TreeMap<>(expected(List.of("old"), ""));
    expected.put("new-a/1.png", new String(body("a/1.jpg"), StandardCharsets.UTF_8));
    expected.put("new-a/2.png", new String(body("a/2.jpg"), StandardCharsets.UTF_8));
    expected.put("new-a/3.txt", new String(body("a/3.txt"), StandardCharsets.UTF_8));
    assertThat(contents(destination)).isEqualTo(expected);
    assertThat(snapshots(id).getFirst().ctlmsg()).contains("prefix:a/");
  }

  @Test
  void copy_synchronize_deletesDestinationObjectsWhoseSourceIsGone_underThePrefixOnly() {
    List<String> all = new ArrayList<>(range("s/", 30));
    all.add("other/keep");
    Bucket source = bucketWith("bc-sync-src", all);
    Bucket destination = Bucket.ais("bc-sync-dst");
    client.jobs().await(client.buckets().copyBucket(source, destination, msg("", "", null, false)), WAIT);
    List<String> gone = range("s/", 30).subList(5, 17);
    gone.forEach(name -> client.objects().delete(source, name));
    client.objects().delete(source, "other/keep");

    String id = client.buckets().copyBucket(source, destination,
        new CopyBucketMsg("s/", "", null, false, false, false, true, 0, false));
    JobStatus status = client.jobs().await(id, WAIT);

    assertThat(status.error()).isEmpty();
    List<String> kept = new ArrayList<>(range("s/", 30));
    kept.removeAll(gone);
    Map<String, String> expected = new TreeMap<>(expected(kept, ""));
    expected.put("other/keep", new String(body("other/keep"), StandardCharsets.UTF_8)); // outside the prefix
    assertThat(contents(destination)).isEqualTo(expected);
    assertThat(sum(snapshots(id), "pruned")).isEqualTo(gone.size());
  }

  @Test
  void copyObjects_synchronize_aListedNameWhoseSourceIsGone_isDeletedFromTheDestination() {
    Bucket source = bucketWith("bc-tco-src", range("t-", 6));
    Bucket destination = Bucket.ais("bc-tco-dst");
    client.jobs().await(client.buckets().copyBucket(source, destination, msg("", "", null, false)), WAIT);
    client.objects().delete(source, "t-002");

    String id = client.buckets().copyObjects(source, new io.jais.api.job.CopyObjectsMsg(destination, "t-{000..003}",
        null, "", "", null, false, false, false, true, 0, false, false));
    client.jobs().await(id, WAIT);

    assertThat(contents(destination).keySet()).containsExactly("t-000", "t-001", "t-003", "t-004", "t-005");
  }

  @Test
  void copy_dryRun_countsButCreatesAndCopiesNothing() {
    Bucket source = bucketWith("bc-dry-src", range("d-", 12));
    Bucket destination = Bucket.ais("bc-dry-dst");

    String id = client.buckets().copyBucket(source, destination, msg("", "", null, true));
    client.jobs().await(id, WAIT);

    assertThat(client.buckets().exists(destination)).isFalse();
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(12);
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OUT_OBJECTS)).isZero();
  }

  @Test
  void rename_movesEveryObject_thenTheSourceIsGone() throws Exception {
    List<String> all = range("r-", 45);
    Bucket source = bucketWith("bc-mv-src", all);
    client.buckets().setProps(source, json("{\"checksum\":{\"type\":\"md5\"}}"));
    Bucket destination = Bucket.ais("bc-mv-dst");

    String id = client.buckets().rename(source, destination);
    JobStatus status = client.jobs().await(id, WAIT);

    assertThat(status.kind()).isEqualTo("move-bck");
    assertThat(status.error()).isEmpty();
    assertThat(contents(destination)).isEqualTo(expected(all, ""));
    assertThat(client.buckets().props(destination).checksum().type()).isEqualTo("md5");
    assertThat(sum(snapshots(id), JobSnapshot.STAT_OBJECTS)).isEqualTo(45);
    Instant deadline = Instant.now().plus(WAIT);
    while (client.buckets().exists(source) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(client.buckets().exists(source)).as("the source leaves the bucket metadata").isFalse();
  }

  @Test
  void rename_objectsWrittenIntoTheSourceMeanwhile_allEndInTheDestination() throws Exception {
    List<String> all = range("r-", 300);
    Bucket source = bucketWith("bc-mvw-src", all);
    Bucket destination = Bucket.ais("bc-mvw-dst");

    String id = client.buckets().rename(source, destination);
    List<String> written = new java.util.ArrayList<>();
    // names before the walk's position: the job's own walk passes them by
    for (int i = 0; !client.jobs().status(id).finished(); i++) {
      String name = String.format("a-%04d", i);
      client.objects().put(source, name, body(name));
      written.add(name);
    }
    Instant deadline = Instant.now().plus(WAIT);
    while (client.buckets().exists(source) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }

    assertThat(client.buckets().exists(source)).as("the source leaves the bucket metadata").isFalse();
    Map<String, String> expected = expected(all, "");
    expected.putAll(expected(written, ""));
    assertThat(contents(destination)).as("%d objects written during the rename", written.size()).isEqualTo(expected);
  }

  @Test
  void rename_misplacedCopies_areMovedOrSuperseded_neverDestroyedWithTheSource() throws Exception {
    Bucket source = bucketWith("bc-mvm-src", List.of("dup", "only-src"));
    // a stale copy beside its owner's, and an object whose only copy is on a target that does not own it
    PlacedFiles.copy(PlacedFiles.home(PlacedFiles.owner(cluster, source, "dup"), source, "dup"), source, "dup",
        PlacedFiles.home(PlacedFiles.notOwner(cluster, source, "dup"), source, "dup"), "dup");
    PlacedFiles.copy(PlacedFiles.home(PlacedFiles.owner(cluster, source, "only-src"), source, "only-src"), source,
        "only-src", PlacedFiles.home(PlacedFiles.notOwner(cluster, source, "only"), source, "only"), "only");
    Bucket destination = Bucket.ais("bc-mvm-dst");

    String id = client.buckets().rename(source, destination);
    assertThat(client.jobs().await(id, WAIT).error()).isEmpty();
    Instant deadline = Instant.now().plus(WAIT);
    while (client.buckets().exists(source) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }

    assertThat(client.buckets().exists(source)).as("the source leaves the bucket metadata").isFalse();
    assertThat(contents(destination)).isEqualTo(Map.of("dup", new String(body("dup"), StandardCharsets.UTF_8),
        "only-src", new String(body("only-src"), StandardCharsets.UTF_8),
        "only", new String(body("only-src"), StandardCharsets.UTF_8)));
  }

  @Test
  void badRequests_are4xx_startNothing_changeNothing() throws Exception {
    Bucket source = bucketWith("bc-bad", range("x-", 5));
    Bucket taken = bucketWith("bc-bad-taken", List.of("keep"));
    int before = client.jobs().list(new JobQuery("", "", false)).size();
    String base = endpoint + "/v1/buckets/bc-bad?provider=ais";
    Map<String, Integer> cases = new TreeMap<>(Map.of(
        base + "|{\"action\":\"copy-bck\",\"value\":{}}", 400, // no bck_to
        base + "&bck_to=ais/@%23/bc-bad/|{\"action\":\"copy-bck\",\"value\":{}}", 400, // onto itself
        base + "&bck_to=nonsense|{\"action\":\"copy-bck\",\"value\":{}}", 400,
        base + "&bck_to=ais/@%23/BAD NAME/|{\"action\":\"copy-bck\",\"value\":{}}", 400,
        base + "&bck_to=ais/@%23/bc-x/|{\"action\":\"copy-bck\",\"value\":{\"synchronize\":true,\"prepend\":\"p\"}}", 400,
        base + "&bck_to=aws/@%23/bc-x/|{\"action\":\"copy-bck\",\"value\":{}}", 501,
        endpoint + "/v1/buckets/bc-none?provider=ais&bck_to=ais/@%23/bc-x/|{\"action\":\"copy-bck\",\"value\":{}}", 404,
        base + "&bck_to=ais/@%23/bc-bad-taken/|{\"action\":\"move-bck\"}", 409,
        base + "&bck_to=ais/@%23/bc-bad/|{\"action\":\"move-bck\"}", 400,
        base + "|{\"action\":\"move-bck\"}", 400));
    cases.put(endpoint + "/v1/buckets/bc-none?provider=ais&bck_to=ais/@%23/bc-x/|{\"action\":\"move-bck\"}", 404);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      String[] urlAndBody = c.getKey().split("\\|", 2);
      HttpResponse<byte[]> reply = RawHttp.send("POST", urlAndBody[0].replace(" ", "%20"),
          RawHttp.json(urlAndBody[1]), "Content-Type", "application/json");
      assertThat(reply.statusCode()).as(c.getKey() + " -> " + RawHttp.text(reply)).isEqualTo(c.getValue());
    }
    assertThatThrownBy(() -> client.buckets().rename(source, taken))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_EXISTS));

    assertThat(contents(source)).isEqualTo(expected(range("x-", 5), ""));
    assertThat(contents(taken)).isEqualTo(expected(List.of("keep"), ""));
    assertThat(client.buckets().exists(Bucket.ais("bc-x"))).isFalse();
    assertThat(client.jobs().list(new JobQuery("", "", false))).hasSize(before);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    return io.jais.api.json.WireJson.parse(text.getBytes(StandardCharsets.UTF_8),
        com.fasterxml.jackson.databind.JsonNode.class);
  }
}
