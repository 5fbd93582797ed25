package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.api.object.PromoteArgs;
import io.jais.client.JaisClient;
import io.jais.testkit.JaisCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code promote} on three targets sharing one directory (the host's): every file becomes one
 * object exactly once (names as AIS makes them), existing objects are kept unless overwritten,
 * sources go only with delete-src, a named target promotes alone; bad requests are 4xx and
 * change nothing.
 */
@JaisCluster(targets = 3)
class PromoteIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final JaisClient client;
  private final String endpoint;
  private Path dir;

  PromoteIT(JaisClient client, io.jais.node.launch.LocalCluster cluster) {
    this.client = client;
    this.endpoint = cluster.endpoint();
  }

  @BeforeEach
  void makeSource() throws IOException {
    Path root = Files.createDirectories(Path.of(PromoteArgs.ROOT));
    dir = Files.createTempDirectory(root, "jais-prm-");
  }

  @AfterEach
  void removeSource() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void file(String relative, String content) throws IOException {
    Path path = dir.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private Map<String, String> contents(Bucket bucket) {
    Map<String, String> all = new TreeMap<>();
    for (String name : client.buckets().listNames(bucket, "")) {
      all.put(name, new String(client.objects().get(bucket, name), StandardCharsets.UTF_8));
    }
    return all;
  }

  private long sum(String id, String stat) {
    return client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream)
        .mapToLong(s -> s.stat(stat)).sum();
  }

  private String promote(Bucket bucket, String src, String obj, boolean recursive, boolean overwrite, boolean delete) {
    String id = client.objects().promote(bucket, new PromoteArgs("", src, obj, recursive, overwrite, delete, false));
    JobStatus status = client.jobs().await(id, WAIT);
    assertThat(status.kind()).isEqualTo("promote");
    assertThat(status.error()).isEmpty();
    return id;
  }

  @Test
  void directory_sharedByAllTargets_eachFileOnce_thenRecursiveOverwriteDelete() throws IOException {
    Bucket bucket = Bucket.ais("prm-dir");
    client.buckets().create(bucket);
    for (int i = 0; i < 30; i++) {
      file("top-" + i, "top " + i);
    }
    file("inner/a", "inner a");
    file("inner/deeper/b", "inner b");

    String first = promote(bucket, dir.toString(), "p/", false, false, false);
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < 30; i++) {
      expected.put("p/top-" + i, "top " + i);
    }
    assertThat(contents(bucket)).isEqualTo(expected);
    assertThat(sum(first, JobSnapshot.STAT_OBJECTS)).as("each file promoted by one target").isEqualTo(30);

    file("top-0", "changed");
    String kept = promote(bucket, dir.toString(), "p/", false, false, false);
    assertThat(contents(bucket).get("p/top-0")).as("kept without overwrite").isEqualTo("top 0");
    assertThat(sum(kept, "skipped-existing")).isEqualTo(30);

    promote(bucket, dir.toString(), "p/", true, true, true);
    expected.put("p/top-0", "changed");
    expected.put("p/inner/a", "inner a");
    expected.put("p/inner/deeper/b", "inner b");
    assertThat(contents(bucket)).isEqualTo(expected);
    try (Stream<Path> left = Files.walk(dir)) {
      assertThat(left.filter(Files::isRegularFile).toList()).as("delete-src removed every file").isEmpty();
    }
  }

  @Test
  void singleFile_becomesTheNamedObject_orKeepsItsBaseName() throws IOException {
    Bucket bucket = Bucket.ais("prm-file");
    client.buckets().create(bucket);
    file("one.txt", "one");

    promote(bucket, dir.resolve("one.txt").toString(), "renamed", false, false, false);
    promote(bucket, dir.resolve("one.txt").toString(), "under/", false, false, false);

    assertThat(contents(bucket)).isEqualTo(Map.of("renamed", "one", "under/one.txt", "one"));
    assertThat(Files.exists(dir.resolve("one.txt"))).isTrue();
  }

  @Test
  void namedTarget_promotesEveryFileAlone_sendingToOwners() throws IOException {
    Bucket bucket = Bucket.ais("prm-tid");
    client.buckets().create(bucket);
    for (int i = 0; i < 20; i++) {
      file("f-" + i, "f " + i);
    }
    String tid = client.cluster().smap().targets().keySet().iterator().next();

    String id = client.objects().promote(bucket, new PromoteArgs(tid, dir.toString(), "", false, false, false, false));
    client.jobs().await(id, WAIT);

    assertThat(contents(bucket)).hasSize(20).containsEntry("f-7", "f 7");
    Map<String, List<JobSnapshot>> byTarget = client.jobs().snapshots(JobArgs.ofId(id));
    assertThat(byTarget.get(tid).getFirst().stat(JobSnapshot.STAT_OBJECTS)).isEqualTo(20);
    assertThat(byTarget.get(tid).getFirst().stat(JobSnapshot.STAT_OUT_OBJECTS)).isBetween(1L, 19L);
  }

  @Test
  void symbolicLinks_outOfTheRoot_areNeverPromoted() throws Exception {
    Bucket bucket = Bucket.ais("prm-links");
    client.buckets().create(bucket);
    Path outside = Files.createTempDirectory("jais-prm-outside-");
    try {
      Files.writeString(outside.resolve("secret"), "secret");
      Files.createDirectories(outside.resolve("sub"));
      Files.writeString(outside.resolve("sub/deep-secret"), "deep secret");
      file("plain", "plain");
      Files.createSymbolicLink(dir.resolve("to-file"), outside.resolve("secret"));
      Files.createSymbolicLink(dir.resolve("to-dir"), outside);
      Path linkedTree = dir.resolveSibling(dir.getFileName() + "-lnk");
      Files.createSymbolicLink(linkedTree, outside);
      try {
        promote(bucket, dir.toString(), "", true, false, false);
        assertThat(contents(bucket)).as("links inside the tree are skipped").isEqualTo(Map.of("plain", "plain"));

        String url = endpoint + "/v1/objects/prm-links?provider=ais";
        for (Path top : List.of(dir.resolve("to-file"), dir.resolve("to-dir"), linkedTree, linkedTree.resolve("secret"),
            dir.resolve("to-dir/sub"))) {
          HttpResponse<byte[]> reply = RawHttp.send("POST", url,
              RawHttp.json("{\"action\":\"promote\",\"name\":\"" + top + "\",\"value\":{\"rcr\":true}}"),
              "Content-Type", "application/json");
          assertThat(reply.statusCode()).as(top + " -> " + RawHttp.text(reply)).isEqualTo(400);
        }
        assertThat(contents(bucket)).isEqualTo(Map.of("plain", "plain"));
      } finally {
        Files.deleteIfExists(linkedTree);
      }
    } finally {
      try (Stream<Path> all = Files.walk(outside)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void badRequests_are4xx_promoteNothing() throws Exception {
    Bucket bucket = Bucket.ais("prm-bad");
    client.buckets().create(bucket);
    file("x", "x");
    int before = client.jobs().list(new JobQuery("promote", "", false)).size();
    String url = endpoint + "/v1/objects/prm-bad?provider=ais";
    String src = dir.toString();
    Map<String, Integer> cases = Map.of(
        "{\"action\":\"promote\",\"name\":\"/tmp\",\"value\":{\"src\":\"/tmp\"}}", 400,
        "{\"action\":\"promote\",\"name\":\"relative/dir\",\"value\":{}}", 400,
        "{\"action\":\"promote\",\"name\":\"" + src + "/../x\",\"value\":{}}", 400,
        "{\"action\":\"promote\",\"name\":\"" + src + "\",\"value\":{\"src\":\"" + src + "/x\"}}", 400,
        "{\"action\":\"promote\",\"name\":\"" + src + "\",\"value\":{\"obj\":\"../up\"}}", 400,
        "{\"action\":\"promote\",\"name\":\"" + src + "/missing\",\"value\":{}}", 404,
        "{\"action\":\"promote\",\"name\":\"" + src + "\",\"value\":{\"tid\":\"nosuchtarget\"}}", 404,
        "{\"action\":\"no-such-action\",\"name\":\"" + src + "\"}", 400);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      HttpResponse<byte[]> reply = RawHttp.send("POST", url, RawHttp.json(c.getKey()), "Content-Type", "application/json");
      assertThat(reply.statusCode()).as(c.getKey() + " -> " + RawHttp.text(reply)).isEqualTo(c.getValue());
    }
    HttpResponse<byte[]> noBucket = RawHttp.send("POST", endpoint + "/v1/objects/prm-none?provider=ais",
        RawHttp.json("{\"action\":\"promote\",\"name\":\"" + src + "\"}"));
    assertThat(noBucket.statusCode()).isEqualTo(404);

    assertThat(client.buckets().listNames(bucket, "")).isEmpty();
    assertThat(client.jobs().list(new JobQuery("promote", "", false))).hasSize(before);
  }
}
