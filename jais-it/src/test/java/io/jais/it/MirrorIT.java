package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.Header;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.testkit.JaisCluster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Mirroring and self-healing end to end, on real files of an in-process cluster whose targets
 * have three mountpaths each: copies after PUT, make-n-copies up and down with HEAD's counts,
 * lockstep on overwrite and delete under concurrent reads, a flipped byte in each file in turn,
 * quarantine of an unprotected object, a scrub repairing a copy, and a mountpath removed under
 * read load.
 */
@JaisCluster(targets = 2, mountpaths = 3)
class MirrorIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final LocalCluster cluster;
  private final JaisClient client;

  MirrorIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  private Bucket mirrored(String name, int copies, boolean validate) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    client.buckets().setProps(bucket, WireJson.parse(
        "{\"mirror\":{\"enabled\":true,\"copies\":" + copies + "},\"checksum\":{\"validate_warm_get\":" + validate + "}}",
        JsonNode.class));
    return bucket;
  }

  private HttpResponse<byte[]> head(Bucket bucket, String name) throws IOException, InterruptedException {
    return RawHttp.send("HEAD", cluster.endpoint() + "/v1/objects/" + bucket.name() + "/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8) + "?provider=ais", null);
  }

  private int copiesOf(Bucket bucket, String name) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = head(bucket, name);
    assertThat(response.statusCode()).as("HEAD %s", name).isEqualTo(200);
    return Integer.parseInt(response.headers().firstValue(Header.MIRROR_COPIES).orElseThrow());
  }

  private List<String> pathsOf(Bucket bucket, String name) throws IOException, InterruptedException {
    String paths = head(bucket, name).headers().firstValue(Header.MIRROR_PATHS).orElseThrow();
    return Arrays.asList(paths.substring(1, paths.length() - 1).split(","));
  }

  /** The files of the object on its owner: on every mountpath that has one. */
  private List<Path> filesOf(Bucket bucket, String name) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : PlacedFiles.owner(cluster, bucket, name).config().mountpaths()) {
      Path root = Path.of(dir).toAbsolutePath().normalize();
      Path file = Fqn.of(new Mountpath(root, io.jais.api.hash.Hrw.nodeDigest(root.toString())), bucket, name).path();
      if (Files.exists(file)) {
        files.add(file);
      }
    }
    return files;
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private void awaitCopies(Bucket bucket, List<String> names, int copies) throws InterruptedException {
    awaitTrue(names.size() + " objects with " + copies + " copies", () -> names.stream().allMatch(name -> {
      try {
        return copiesOf(bucket, name) == copies;
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    }));
  }

  private static byte[] content(String name, int version, int size) {
    byte[] bytes = new byte[size];
    java.util.Random random = new java.util.Random(name.hashCode() * 31L + version);
    random.nextBytes(bytes);
    byte[] tag = ("v" + version + ";").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(tag, 0, bytes, 0, tag.length);
    return bytes;
  }

  private static int versionOf(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(12, bytes.length), StandardCharsets.ISO_8859_1);
    return Integer.parseInt(head.substring(1, head.indexOf(';')));
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x01);
    }
  }

  @Test
  void putsOnAMirroredBucket_getTheirCopiesOnDistinctMountpaths() throws Exception {
    Bucket bucket = mirrored("mirror-put", 2, false);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add("obj-" + i);
      client.objects().put(bucket, "obj-" + i, content("obj-" + i, 1, 4096));
    }

    awaitCopies(bucket, names, 2);

    for (String name : names) {
      List<String> paths = pathsOf(bucket, name);
      assertThat(paths).hasSize(2).doesNotHaveDuplicates();
      List<Path> files = filesOf(bucket, name);
      assertThat(files).hasSize(2);
      for (Path file : files) {
        assertThat(Files.readAllBytes(file)).isEqualTo(content(name, 1, 4096));
      }
    }
    assertThat(client.buckets().listNames(bucket, "")).as("copies are not listed").hasSize(30);
  }

  @Test
  void makeNCopies_upAndDown_withHeadCounts() throws Exception {
    Bucket bucket = Bucket.ais("mirror-mnc");
    client.buckets().create(bucket);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add("n/" + i);
      client.objects().put(bucket, "n/" + i, content("n/" + i, 1, 1000 + i));
    }
    assertThat(copiesOf(bucket, "n/0")).isEqualTo(1);

    String up = client.buckets().makeNCopies(bucket, 3);
    var status = client.jobs().await(up, WAIT);
    assertThat(status.error()).isEmpty();
    for (String name : names) {
      assertThat(copiesOf(bucket, name)).as(name).isEqualTo(3);
      assertThat(pathsOf(bucket, name)).hasSize(3).doesNotHaveDuplicates();
      assertThat(filesOf(bucket, name)).hasSize(3);
    }
    assertThat(client.buckets().props(bucket).mirror().enabled()).isTrue();
    assertThat(client.buckets().props(bucket).mirror().copies()).isEqualTo(3);
    List<JobSnapshot> snapshots = client.jobs().snapshots(JobArgs.ofId(up)).values().stream()
        .flatMap(List::stream).toList();
    assertThat(snapshots.stream().mapToLong(s -> s.stat("copies-added")).sum()).isEqualTo(40);
    assertThat(snapshots).allSatisfy(s -> assertThat(s.kind()).isEqualTo("make-n-copies"));

    String down = client.buckets().makeNCopies(bucket, 1);
    client.jobs().await(down, WAIT);
    for (String name : names) {
      assertThat(copiesOf(bucket, name)).isEqualTo(1);
      assertThat(filesOf(bucket, name)).hasSize(1);
      assertThat(client.objects().get(bucket, name)).isEqualTo(content(name, 1, 1000 + names.indexOf(name)));
    }
    assertThat(client.buckets().props(bucket).mirror().enabled()).isFalse();

    assertThatThrownBy(() -> client.buckets().makeNCopies(bucket, 4))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(client.buckets().props(bucket).mirror().enabled()).as("a refused start changes nothing").isFalse();
  }

  @Test
  void flippedByteInEachFileInTurn_getServesCorrectBytes_andTheFileIsRepaired() throws Exception {
    Bucket bucket = mirrored("mirror-flip", 3, true);
    byte[] data = content("victim", 1, 300_000);
    client.objects().put(bucket, "victim", data);
    awaitCopies(bucket, List.of("victim"), 3);
    List<Path> files = filesOf(bucket, "victim");
    assertThat(files).hasSize(3);

    for (Path file : files) {
      flipByte(file, 12_345);
      assertThat(Files.readAllBytes(file)).isNotEqualTo(data);
      for (int read = 0; read < 4; read++) { // reads go to any of the three files
        assertThat(client.objects().get(bucket, "victim")).isEqualTo(data);
      }
      assertThat(Files.readAllBytes(file)).as("repaired %s", file).isEqualTo(data);
    }
    assertThat(copiesOf(bucket, "victim")).isEqualTo(3);
  }

  @Test
  void overwriteAndDelete_underConcurrentReads_neverServeAStaleCopy() throws Exception {
    Bucket bucket = mirrored("mirror-lockstep", 3, false);
    String name = "hot";
    AtomicLong acknowledged = new AtomicLong(1);
    client.objects().put(bucket, name, content(name, 1, 64 * 1024));
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
    AtomicInteger reads = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      readers.add(Thread.ofVirtual().start(() -> {
        while (writing.get()) {
          long floor = acknowledged.get(); // every PUT acknowledged before this GET started
          int seen = versionOf(client.objects().get(bucket, name));
          reads.incrementAndGet();
          if (seen < floor) {
            stale.add("read v" + seen + " after v" + floor + " was acknowledged");
          }
        }
      }));
    }
    for (int version = 2; version <= 40; version++) {
      client.objects().put(bucket, name, content(name, version, 64 * 1024));
      acknowledged.set(version);
      Thread.sleep(version % 5 == 0 ? 50 : 0); // let some copies be made between writes
    }
    awaitCopies(bucket, List.of(name), 3);
    Thread.sleep(100);
    writing.set(false);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(stale).isEmpty();
    assertThat(reads.get()).isPositive();
    for (Path file : filesOf(bucket, name)) {
      assertThat(versionOf(Files.readAllBytes(file))).isEqualTo(40);
    }

    client.objects().delete(bucket, name);
    assertThatThrownBy(() -> client.objects().get(bucket, name))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(filesOf(bucket, name)).as("no copy outlives its object").isEmpty();
    assertThat(head(bucket, name).statusCode()).isEqualTo(404);
  }

  @Test
  void corruptedObjectWithoutRedundancy_isQuarantined_withAnErrorClientsDoNotRetry() throws Exception {
    Bucket bucket = Bucket.ais("mirror-quarantine");
    client.buckets().create(bucket);
    client.buckets().setProps(bucket, WireJson.parse("{\"checksum\":{\"validate_warm_get\":true}}", JsonNode.class));
    byte[] data = content("lonely", 1, 10_000);
    client.objects().put(bucket, "lonely", data);
    Path file = PlacedFiles.file(cluster, bucket, "lonely");
    flipByte(file, 77);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> client.objects().get(bucket, "lonely"))
          .isInstanceOfSatisfying(JaisException.class, e -> {
            assertThat(e.status()).isEqualTo(410);
            assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_QUARANTINED);
            assertThat(e.getMessage()).contains("quarantined").contains("lonely");
          });
    }
    assertThat(file).doesNotExist();
    Path kept = quarantined(bucket, "lonely");
    assertThat(Files.size(kept)).isEqualTo(data.length);
    assertThat(client.buckets().listNames(bucket, "")).isEmpty();

    client.objects().put(bucket, "lonely", data); // written again: served again
    assertThat(client.objects().get(bucket, "lonely")).isEqualTo(data);
    client.objects().delete(bucket, "lonely"); // and once deleted, simply not found
    assertThatThrownBy(() -> client.objects().get(bucket, "lonely"))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(Files.size(quarantined(bucket, "lonely"))).as("the quarantined file is kept").isEqualTo(data.length);
  }

  @Test
  void aisPythonSdk_seesTheCopies_andDoesNotRetryAQuarantinedObject() throws Exception {
    java.util.Optional<Path> env = io.jais.testkit.PythonSdk.envScript();
    org.junit.jupiter.api.Assumptions.assumeTrue(env.isPresent(), "SKIP: AIS Python SDK not available");
    Bucket mirrored = mirrored("mirror-sdk", 3, false);
    client.objects().put(mirrored, "m", content("m", 1, 5000));
    awaitCopies(mirrored, List.of("m"), 3);
    Bucket plain = Bucket.ais("mirror-sdk-q");
    client.buckets().create(plain);
    client.buckets().setProps(plain, WireJson.parse("{\"checksum\":{\"validate_warm_get\":true}}", JsonNode.class));
    client.objects().put(plain, "q", content("q", 1, 5000));
    flipByte(PlacedFiles.file(cluster, plain, "q"), 100);

    io.jais.testkit.PythonSdk.Result result = io.jais.testkit.PythonSdk.run(env.get(), cluster.endpoint(),
        Path.of("src/test/python/sdk_mirror.py").toAbsolutePath(), Duration.ofMinutes(5),
        mirrored.name(), "m", "3", plain.name(), "q");

    assertThat(result.timedOut()).as("scenario timed out").isFalse();
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("4 passed, 0 failed");
  }

  private Path quarantined(Bucket bucket, String name) throws IOException {
    Node owner = PlacedFiles.owner(cluster, bucket, name);
    for (Mountpath mountpath : PlacedFiles.mountpaths(owner)) {
      Path dir = Fqn.contentDir(mountpath, bucket, "%qt");
      if (Files.isDirectory(dir)) {
        try (var walk = Files.walk(dir)) {
          return walk.filter(p -> p.getFileName().toString().matches("\\d+")).findFirst().orElseThrow();
        }
      }
    }
    throw new AssertionError("nothing quarantined for " + name);
  }

  @Test
  void scrub_repairsACorruptedCopy() throws Exception {
    Bucket bucket = mirrored("mirror-scrub", 2, false);
    byte[] data = content("scrubbed", 1, 50_000);
    client.objects().put(bucket, "scrubbed", data);
    awaitCopies(bucket, List.of("scrubbed"), 2);
    Path home = PlacedFiles.home(owner(bucket, "scrubbed"), bucket, "scrubbed").path();
    Path copy = filesOf(bucket, "scrubbed").stream().filter(f -> !f.startsWith(home)).findFirst().orElseThrow();
    flipByte(copy, 4_000);

    String id = client.jobs().start(new JobArgs("", "scrub", "", bucket, null), "");
    client.jobs().await(id, WAIT);

    List<JobSnapshot> snapshots = client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
    assertThat(snapshots.stream().mapToLong(s -> s.stat("corrupted")).sum()).isEqualTo(1);
    assertThat(snapshots.stream().mapToLong(s -> s.stat("restored")).sum()).isEqualTo(1);
    assertThat(Files.readAllBytes(copy)).isEqualTo(data);
  }

  private Node owner(Bucket bucket, String name) {
    return PlacedFiles.owner(cluster, bucket, name);
  }

  @Test
  void mountpathRemovedUnderReadLoad_everyObjectServed_andCopiesRestored() throws Exception {
    Bucket bucket = mirrored("mirror-lost", 2, false);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      names.add("o" + i);
      client.objects().put(bucket, "o" + i, content("o" + i, 1, 8192));
    }
    awaitCopies(bucket, names, 2);
    Node target = cluster.targets().getFirst();
    Mountpath lost = PlacedFiles.mountpaths(target).get(1);
    List<String> onTarget = names.stream().filter(n -> owner(bucket, n) == target).toList();
    assertThat(onTarget).isNotEmpty();

    AtomicBoolean reading = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger reads = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      int offset = r;
      readers.add(Thread.ofVirtual().start(() -> {
        for (int i = offset; reading.get(); i++) {
          String name = names.get(i % names.size());
          try {
            byte[] got = client.objects().get(bucket, name);
            if (!Arrays.equals(got, content(name, 1, 8192))) {
              failures.add(name + ": wrong bytes");
            }
          } catch (RuntimeException e) {
            failures.add(name + ": " + e);
          }
          reads.incrementAndGet();
        }
      }));
    }
    try {
      Thread.sleep(200);
      deleteTree(lost.path());

      awaitTrue("copies restored off the lost mountpath", () -> onTarget.stream().allMatch(name -> {
        try {
          List<String> paths = pathsOf(bucket, name);
          return paths.size() == 2 && !paths.contains(lost.toString()) && !paths.get(0).equals(paths.get(1));
        } catch (IOException | InterruptedException e) {
          throw new AssertionError(e);
        }
      }));
      int before = reads.get();
      awaitTrue("more reads after the restore", () -> reads.get() > before + names.size());
    } finally {
      reading.set(false);
      for (Thread reader : readers) {
        reader.join();
      }
    }
    assertThat(lost.path()).as("a lost mountpath is never recreated").doesNotExist();

    assertThat(failures).isEmpty();
    for (String name : onTarget) {
      assertThat(filesOf(bucket, name)).as(name).hasSize(2);
      assertThat(client.objects().get(bucket, name)).isEqualTo(content(name, 1, 8192));
    }
  }

  /** As a failed disk: the whole directory goes while the node reads and writes in it. */
  private static void deleteTree(Path dir) throws IOException, InterruptedException {
    Process rm = new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start();
    assertThat(rm.waitFor()).isZero();
    assertThat(dir).doesNotExist();
  }
}
