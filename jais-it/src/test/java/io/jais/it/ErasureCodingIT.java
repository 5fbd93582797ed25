package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import io.jais.testkit.JaisCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Erasure coding in a cluster of four targets (2+1): slices land on the three targets after the
 * owner, a lost or damaged object is rebuilt on GET (with a damaged slice among the survivors),
 * overwrites replace slices and a rebuild never uses a stale one, deletes remove them, small
 * objects are replicated instead.
 */
@JaisCluster(targets = 4, mountpaths = 2)
class ErasureCodingIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final LocalCluster cluster;
  private final JaisClient client;

  ErasureCodingIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  private Bucket ecBucket(String name, long objsizeLimit, boolean validateWarmGet) throws Exception {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    client.buckets().setProps(bucket, WireJson.MAPPER.readTree("{\"ec\":{\"enabled\":true,\"data_slices\":2,"
        + "\"parity_slices\":1,\"objsize_limit\":" + objsizeLimit + "},\"checksum\":{\"validate_warm_get\":"
        + validateWarmGet + "}}"));
    BucketProps props = client.buckets().props(bucket);
    assertThat(props.ec().enabled()).isTrue();
    assertThat(props.ec().dataSlices()).isEqualTo(2);
    assertThat(props.ec().paritySlices()).isEqualTo(1);
    return bucket;
  }

  private List<Path> homes() {
    return cluster.targets().stream().map(t -> Path.of(t.config().mountpaths().getFirst()).getParent()).toList();
  }

  private List<EcSlices.Slice> awaitSlices(Bucket bucket, String name, int count, String version) throws Exception {
    Await.until(count + " slices of " + name + " v" + version, WAIT, () -> {
      List<EcSlices.Slice> slices = slicesOf(bucket, name);
      return slices.size() == count && slices.stream().allMatch(s -> s.version().equals(version));
    });
    return EcSlices.all(homes(), bucket, name);
  }

  private List<EcSlices.Slice> slicesOf(Bucket bucket, String name) {
    try {
      return EcSlices.all(homes(), bucket, name);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  @Test
  void put_slicesGoToTheThreeTargetsAfterTheOwner_andALostObjectIsRebuiltOnGet() throws Exception {
    Bucket bucket = ecBucket("ec-lost", 0, false);
    byte[] data = random(3_000_001, 1);
    client.objects().put(bucket, "big", data);
    List<EcSlices.Slice> slices = awaitSlices(bucket, "big", 3, "1");
    assertThat(slices).extracting(EcSlices.Slice::index).containsExactlyInAnyOrder(1, 2, 3);
    Node owner = PlacedFiles.owner(cluster, bucket, "big");
    Path ownerHome = Path.of(owner.config().mountpaths().getFirst()).getParent();
    Map<Path, List<EcSlices.Slice>> byTarget = EcSlices.of(homes(), bucket, "big");
    assertThat(byTarget.get(ownerHome)).as("the owner holds no slice of its own object").isEmpty();
    byTarget.forEach((home, held) -> assertThat(held.size()).as(home.toString()).isLessThanOrEqualTo(1));
    assertThat(slices.getFirst().meta().get("slice_size").asLong()).isEqualTo(1_500_001);

    Path file = PlacedFiles.file(cluster, bucket, "big");
    Files.delete(file);
    assertThat(client.objects().get(bucket, "big")).isEqualTo(data);
    assertThat(Files.readAllBytes(file)).as("stored back on the owner").isEqualTo(data);
    assertThat(client.objects().head(bucket, "big").version()).isEqualTo("1");
    assertThat(client.objects().headIfExists(bucket, "never-written")).as("no slices: not found").isEmpty();
  }

  @Test
  void corruptedObjectAndCorruptedSlice_getReturnsTheRightBytes_andRepairsTheFile() throws Exception {
    Bucket bucket = ecBucket("ec-flip", 0, true);
    byte[] data = random(1_000_000, 2);
    client.objects().put(bucket, "obj", data);
    List<EcSlices.Slice> slices = awaitSlices(bucket, "obj", 3, "1");
    Path file = PlacedFiles.file(cluster, bucket, "obj");
    EcSlices.flip(file, 12_345);
    EcSlices.Slice dataSlice = slices.stream().filter(s -> s.index() == 1).findFirst().orElseThrow();
    EcSlices.flip(dataSlice.file(), 777);

    assertThat(client.objects().get(bucket, "obj")).isEqualTo(data);
    assertThat(Files.readAllBytes(file)).as("the damaged file was repaired").isEqualTo(data);
    assertThat(client.objects().get(bucket, "obj")).isEqualTo(data);
  }

  @Test
  void overwrite_replacesSlices_andARebuildNeverUsesAStaleOne() throws Exception {
    Bucket bucket = ecBucket("ec-overwrite", 0, false);
    byte[] v1 = random(500_000, 3);
    byte[] v2 = random(700_000, 4);
    client.objects().put(bucket, "o", v1);
    awaitSlices(bucket, "o", 3, "1");
    client.objects().put(bucket, "o", v2);
    List<EcSlices.Slice> slices = awaitSlices(bucket, "o", 3, "2");
    assertThat(slices).extracting(EcSlices.Slice::index).containsExactlyInAnyOrder(1, 2, 3);

    // put a stale v1 slice back beside the v2 ones: the rebuild must ignore it
    EcSlices.Slice v2Parity = slices.stream().filter(s -> s.index() == 3).findFirst().orElseThrow();
    byte[] parityBytes = Files.readAllBytes(v2Parity.file());
    client.objects().put(bucket, "o", v1); // v3 = v1's bytes, so that a stale slice would decode to garbage
    awaitSlices(bucket, "o", 3, "3");
    Files.write(v2Parity.file().resolveSibling("3"), parityBytes); // v2's parity where v3's was
    Files.delete(PlacedFiles.file(cluster, bucket, "o"));
    assertThat(client.objects().get(bucket, "o")).isEqualTo(v1);
    assertThat(client.objects().head(bucket, "o").version()).isEqualTo("3");
  }

  @Test
  void delete_removesEverySlice() throws Exception {
    Bucket bucket = ecBucket("ec-delete", 0, false);
    client.objects().put(bucket, "gone", random(100_000, 5));
    awaitSlices(bucket, "gone", 3, "1");
    client.objects().delete(bucket, "gone");
    // slices go in the background: reads right after the DELETE must not rebuild it from them
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> client.objects().get(bucket, "gone")).isInstanceOfSatisfying(JaisException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
    }
    Await.until("slices removed", WAIT, () -> slicesOf(bucket, "gone").isEmpty());
    assertThatThrownBy(() -> client.objects().head(bucket, "gone")).isInstanceOf(JaisException.class);
  }

  @Test
  void smallObjects_areReplicatedOnParityTargets_andRestoredFromAReplica() throws Exception {
    Bucket bucket = ecBucket("ec-small", 64 * 1024, false);
    byte[] data = random(10_000, 6);
    client.objects().put(bucket, "small", data);
    List<EcSlices.Slice> replicas = awaitSlices(bucket, "small", 1, "1");
    JsonNode meta = replicas.getFirst().meta();
    assertThat(meta.get("slice").asInt()).as("a full replica").isZero();
    assertThat(Files.size(replicas.getFirst().file())).isGreaterThan(data.length);
    Files.delete(PlacedFiles.file(cluster, bucket, "small"));
    assertThat(client.objects().get(bucket, "small")).isEqualTo(data);
  }

  @Test
  void ecEncode_onABucketWithObjects_turnsEcOnAndEncodesThemAll() throws Exception {
    Bucket bucket = Bucket.ais("ec-later");
    client.buckets().create(bucket);
    Map<String, byte[]> objects = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      objects.put("o-" + i, random(50_000 + i * 1000, 100 + i));
      client.objects().put(bucket, "o-" + i, objects.get("o-" + i));
    }
    assertThat(slicesOf(bucket, "o-0")).as("no EC yet").isEmpty();
    java.net.http.HttpResponse<byte[]> start = RawHttp.send("POST", cluster.endpoint() + "/v1/buckets/ec-later?provider=ais",
        RawHttp.json("{\"action\":\"ec-encode\",\"value\":{\"data_slices\":2,\"parity_slices\":1,\"objsize_limit\":0}}"));
    assertThat(start.statusCode()).as(RawHttp.text(start)).isEqualTo(200);
    String jobId = RawHttp.text(start);
    assertThat(jobId).matches("[A-Za-z][A-Za-z0-9_-]{9}");
    client.jobs().await(jobId, WAIT);
    assertThat(client.buckets().props(bucket).ec().enabled()).isTrue();
    for (Map.Entry<String, byte[]> e : objects.entrySet()) {
      assertThat(slicesOf(bucket, e.getKey())).as(e.getKey()).hasSize(3);
    }
    String lost = "o-7";
    Files.delete(PlacedFiles.file(cluster, bucket, lost));
    assertThat(client.objects().get(bucket, lost)).isEqualTo(objects.get(lost));
  }

  @Test
  void ecSettingsTheClusterCannotHold_areRefused_andChangeNothing() throws Exception {
    Bucket bucket = Bucket.ais("ec-refused");
    client.buckets().create(bucket);
    String url = cluster.endpoint() + "/v1/buckets/ec-refused?provider=ais";
    java.net.http.HttpResponse<byte[]> tooWide = RawHttp.send("POST", url,
        RawHttp.json("{\"action\":\"ec-encode\",\"value\":{\"data_slices\":3,\"parity_slices\":2}}"));
    assertThat(tooWide.statusCode()).isEqualTo(400);
    assertThat(RawHttp.text(tooWide)).contains("ErrNotEnoughTargets").contains("requires at least 6 targets (have 4)");
    java.net.http.HttpResponse<byte[]> noParity = RawHttp.send("POST", url,
        RawHttp.json("{\"action\":\"ec-encode\",\"value\":{\"data_slices\":2}}"));
    assertThat(noParity.statusCode()).isEqualTo(400);
    assertThat(RawHttp.text(noParity)).contains("missing number of parity slices");
    java.net.http.HttpResponse<byte[]> patch = RawHttp.send("PATCH", url, RawHttp.json(
        "{\"action\":\"set-bprops\",\"value\":{\"ec\":{\"enabled\":true,\"data_slices\":4,\"parity_slices\":1}}}"));
    assertThat(patch.statusCode()).isEqualTo(400);
    assertThat(RawHttp.text(patch)).contains("ErrNotEnoughTargets");
    java.net.http.HttpResponse<byte[]> negative = RawHttp.send("PATCH", url, RawHttp.json(
        "{\"action\":\"set-bprops\",\"value\":{\"ec\":{\"objsize_limit\":-2}}}"));
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(client.buckets().props(bucket).ec().enabled()).isFalse();
  }

  @Test
  void aisPythonSdk_ecEncodePropsAndRefusals() {
    java.util.Optional<Path> env = io.jais.testkit.PythonSdk.envScript();
    org.junit.jupiter.api.Assumptions.assumeTrue(env.isPresent(), "SKIP: AIS Python SDK not available");
    io.jais.testkit.PythonSdk.Result result = io.jais.testkit.PythonSdk.run(env.get(), cluster.endpoint(),
        Path.of("src/test/python/sdk_ec.py").toAbsolutePath(), Duration.ofMinutes(3));
    assertThat(result.timedOut()).as("scenario timed out").isFalse();
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("5 passed, 0 failed");
  }
}
