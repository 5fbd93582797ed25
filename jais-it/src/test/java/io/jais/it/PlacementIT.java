package io.jais.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectEntry;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HRW placement (docs/native-api.md#redirects, docs/architecture.md#placement): 6,000 objects (10,000
 * takes ~20 s to write on a 2-core machine) land evenly on 3 targets, each on the target the
 * client computes, which serves it directly.
 */
@JaisCluster(proxies = 1, targets = 3)
class PlacementIT {
  private static final Bucket BUCKET = Bucket.ais("placement");
  private static final int COUNT = 6_000;
  private static final List<String> NAMES = names();

  private final LocalCluster cluster;
  private final JaisClient client;

  PlacementIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  /** Names of realistic shapes: directories, random hex, sequence numbers. */
  private static List<String> names() {
    SplittableRandom random = new SplittableRandom(2024);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      names.add("shard-%02d/%06d-%08x.jpg".formatted(i % 37, i, random.nextInt()));
    }
    return List.copyOf(names);
  }

  @BeforeAll
  static void putObjects(JaisClient client) throws Exception {
    client.buckets().create(BUCKET);
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> puts = new ArrayList<>();
      for (String name : NAMES) {
        puts.add(pool.submit(() -> client.objects().put(BUCKET, name, name.getBytes(UTF_8))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    }
  }

  private List<String> namesOnTarget(String targetId) {
    ListObjectsMsg message = new ListObjectsMsg("", 0, "", "name", "", ListFlags.NAME_ONLY, targetId, "");
    try (Stream<ObjectEntry> entries = client.buckets().list(BUCKET, message)) {
      return entries.map(ObjectEntry::name).toList();
    }
  }

  @Test
  void put_6kObjects_spreadEvenlyOverTargetsWithin5Percent() {
    Map<String, Integer> perTarget = new HashMap<>();
    for (Node target : cluster.targets()) {
      perTarget.put(target.snode().id(), namesOnTarget(target.snode().id()).size());
    }

    double even = (double) COUNT / cluster.targets().size();
    assertThat(perTarget.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(COUNT);
    assertThat(perTarget).allSatisfy((id, count) ->
        assertThat((double) count).as("objects on %s of %s", id, perTarget).isBetween(even * 0.95, even * 1.05));
  }

  @Test
  void listByTarget_eachTargetHoldsExactlyTheObjectsItOwns() {
    client.cluster().smap();
    Map<String, List<String>> expected = new HashMap<>();
    for (String name : NAMES) {
      expected.computeIfAbsent(client.cluster().owner(BUCKET, name).id(), id -> new ArrayList<>()).add(name);
    }

    for (Node target : cluster.targets()) {
      String id = target.snode().id();
      assertThat(namesOnTarget(id)).as("objects listed by %s", id)
          .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(id, List.of()));
    }
  }

  @Test
  void owner_sampleOfObjects_agreesWithHeadLocation() {
    client.cluster().smap();
    for (int i = 0; i < COUNT; i += 97) {
      String name = NAMES.get(i);
      Snode owner = client.cluster().owner(BUCKET, name);

      assertThat(client.objects().head(BUCKET, name).location()).as(name).startsWith("t[" + owner.id() + "]:");
    }
  }

  @Test
  void getFromOwnerUrl_sampleOfObjects_servedWithoutRedirect() throws Exception {
    client.cluster().smap();
    for (int i = 0; i < COUNT; i += 211) {
      String name = NAMES.get(i);
      String url = client.cluster().ownerUrl(BUCKET, name).toString();

      HttpResponse<byte[]> direct = RawHttp.sendNoRedirect("GET", url, null);

      assertThat(direct.statusCode()).as(url).isEqualTo(200);
      assertThat(direct.body()).as(url).isEqualTo(name.getBytes(UTF_8));
    }
  }

  @Test
  void proxyRedirect_sampleOfObjects_pointsAtTheClientComputedOwner() throws Exception {
    client.cluster().smap();
    for (int i = 0; i < COUNT; i += 499) {
      String name = NAMES.get(i);
      String proxyUrl = cluster.endpoint() + "/v1/objects/" + BUCKET.name() + "/" + NativeApiIT.quote(name)
          + "?provider=ais";

      HttpResponse<byte[]> redirect = RawHttp.sendNoRedirect("GET", proxyUrl, null);

      assertThat(redirect.statusCode()).isBetween(301, 308);
      assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
          location -> assertThat(location).startsWith(client.cluster().owner(BUCKET, name).url()));
    }
  }
}
