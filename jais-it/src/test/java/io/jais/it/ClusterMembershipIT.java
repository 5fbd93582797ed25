package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Provider;
import io.jais.api.cluster.Smap;
import io.jais.api.json.WireJson;
import io.jais.api.object.ObjectAttrs;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.cluster.ClusterSecret;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership and metadata (docs/native-api.md#cluster-and-node): a whole cluster restarted on its data, a
 * restarted target, a joining target, and the version/UUID rules of metasync. Each test owns its
 * cluster because each changes membership.
 */
class ClusterMembershipIT {
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private LocalCluster start(int proxies, int targets) throws Exception {
    LocalCluster cluster = LocalCluster.start(dir, proxies, targets, 0, 2);
    open.add(cluster);
    return cluster;
  }

  private JaisClient clientOf(LocalCluster cluster) {
    JaisClient client = JaisClient.create(cluster.endpoint());
    open.add(client);
    return client;
  }

  private static Map<String, byte[]> putObjects(JaisClient client, Bucket bucket, int count, long seed) {
    Map<String, byte[]> written = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      byte[] data = TestBytes.random(seed + i, 1 + (int) ((seed * 31 + i * 977L) % 20_000));
      String name = "obj/" + i;
      client.objects().put(bucket, name, data);
      written.put(name, data);
    }
    return written;
  }

  private static void assertReadable(JaisClient client, Bucket bucket, Map<String, byte[]> written) {
    written.forEach((name, data) -> assertThat(client.objects().get(bucket, name)).as(bucket + "/" + name).isEqualTo(data));
    assertThat(client.buckets().listNames(bucket, "")).containsExactlyInAnyOrderElementsOf(written.keySet());
  }

  @Test
  void wholeClusterRestart_sameDirectory_keepsBucketsPropsObjectsAndIdentity() throws Exception {
    LocalCluster first = start(2, 3);
    JaisClient client = clientOf(first);
    Bucket plain = Bucket.ais("plain");
    Bucket md5 = Bucket.ais("md5");
    client.buckets().create(plain);
    client.buckets().create(md5, WireJson.MAPPER.readTree("{\"checksum\":{\"type\":\"md5\"}}"));
    Map<String, byte[]> plainObjects = putObjects(client, plain, 60, 1);
    Map<String, byte[]> md5Objects = putObjects(client, md5, 20, 2);
    client.objects().put(plain, "obj/0", plainObjects.get("obj/0"));   // version 2
    ObjectAttrs before = client.objects().head(plain, "obj/0");
    Smap smapBefore = first.primary().state().smap();
    long bmdBefore = first.primary().state().bmd().version();
    Set<String> targetIds = first.targets().stream().map(n -> n.snode().id()).collect(Collectors.toSet());
    first.close();

    LocalCluster second = start(2, 3);
    JaisClient again = clientOf(second);

    assertThat(second.targets().stream().map(n -> n.snode().id())).containsExactlyInAnyOrderElementsOf(targetIds);
    assertThat(second.primary().state().smap().uuid()).isEqualTo(smapBefore.uuid());
    assertThat(second.primary().state().smap().version()).isGreaterThanOrEqualTo(smapBefore.version());
    assertThat(second.primary().state().bmd().version()).isGreaterThanOrEqualTo(bmdBefore);
    assertThat(again.buckets().list(Provider.AIS)).containsExactlyInAnyOrder(md5, plain);
    assertThat(again.buckets().props(md5).checksum().type()).isEqualTo("md5");
    assertReadable(again, plain, plainObjects);
    assertReadable(again, md5, md5Objects);
    ObjectAttrs after = again.objects().head(plain, "obj/0");
    assertThat(after.version()).isEqualTo(before.version()).isEqualTo("2");
    assertThat(after.checksumValue()).isEqualTo(before.checksumValue());
    again.objects().put(plain, "after-restart", new byte[] {42});
    assertThat(again.objects().get(plain, "after-restart")).containsExactly(42);
  }

  @Test
  void restartTarget_eachInTurn_objectsStayReadable() throws Exception {
    LocalCluster cluster = start(1, 3);
    JaisClient client = clientOf(cluster);
    Bucket bucket = Bucket.ais("restart");
    client.buckets().create(bucket);
    Map<String, byte[]> written = putObjects(client, bucket, 90, 3);

    for (int i = 0; i < cluster.targets().size(); i++) {
      String id = cluster.targets().get(i).snode().id();
      Node restarted = cluster.restartTarget(i);

      assertThat(restarted.snode().id()).isEqualTo(id);
      assertReadable(client, bucket, written);
    }
    client.cluster().smap();
    written.keySet().stream().limit(10).forEach(name -> assertThat(client.objects().head(bucket, name).location())
        .startsWith("t[" + client.cluster().owner(bucket, name).id() + "]:"));
  }

  @Test
  void bucketDestroyedAndRecreated_whileTargetDown_oldObjectsDoNotComeBack() throws Exception {
    LocalCluster cluster = start(1, 2);
    JaisClient client = clientOf(cluster);
    Bucket bucket = Bucket.ais("reborn");
    client.buckets().create(bucket);
    Map<String, byte[]> old = putObjects(client, bucket, 40, 11);

    cluster.stopTarget(0);
    client.buckets().destroy(bucket);
    client.buckets().create(bucket);
    cluster.startTarget(0);

    assertThat(client.buckets().listNames(bucket, "")).isEmpty();
    for (String name : old.keySet()) {
      assertThat(client.objects().headIfExists(bucket, name)).as(name).isEmpty();
    }
  }

  @Test
  void restartTarget_newPort_everyNodeSeesTheNewUrl() throws Exception {
    LocalCluster cluster = start(2, 3);

    Node restarted = cluster.restartTarget(1);

    for (Node node : cluster.nodes()) {
      assertThat(node.state().smap().node(restarted.snode().id()).url()).as(node.snode().displayName())
          .isEqualTo(restarted.url());
    }
  }

  @Test
  void addTarget_joins_appearsInTheSmapOfEveryNode() throws Exception {
    LocalCluster cluster = start(2, 3);
    JaisClient client = clientOf(cluster);
    long versionBefore = cluster.primary().state().smap().version();

    Node added = cluster.addTarget();

    String id = added.snode().id();
    assertThat(cluster.targets()).hasSize(4);
    for (Node node : cluster.nodes()) {
      Smap smap = node.state().smap();
      assertThat(smap.targets()).as(node.snode().displayName()).containsKey(id).hasSize(4);
      assertThat(smap.version()).isGreaterThan(versionBefore);
      JsonNode served = WireJson.MAPPER.readTree(RawHttp.send("GET", node.url() + "/v1/daemon?what=smap", null).body());
      assertThat(served.get("tmap").has(id)).as("smap served by %s", node.snode().displayName()).isTrue();
    }
    assertThat(client.cluster().smap().targets()).containsKey(id);
  }

  @Test
  void addTarget_afterWrites_existingObjectsStayReadable() throws Exception {
    LocalCluster cluster = start(1, 3);
    JaisClient client = clientOf(cluster);
    Bucket bucket = Bucket.ais("grow");
    client.buckets().create(bucket);
    Map<String, byte[]> written = putObjects(client, bucket, 60, 4);

    cluster.addTarget();

    assertReadable(client, bucket, written);
    Smap smap = cluster.primary().state().smap();
    written.keySet().forEach(name -> assertThat(client.objects().head(bucket, name).location())
        .as("%s was moved to its owner when read", name).startsWith("t[" + smap.owner(bucket, name).id() + "]:"));
  }

  @Test
  void addTarget_thenNewWrites_someLandOnTheNewTarget() throws Exception {
    LocalCluster cluster = start(1, 3);
    JaisClient client = clientOf(cluster);
    Bucket bucket = Bucket.ais("grow-new");
    client.buckets().create(bucket);

    Node added = cluster.addTarget();
    Map<String, byte[]> written = putObjects(client, bucket, 60, 5);

    assertReadable(client, bucket, written);
    long onNew = written.keySet().stream()
        .filter(name -> client.objects().head(bucket, name).location().startsWith("t[" + added.snode().id() + "]"))
        .count();
    assertThat(onNew).isBetween(5L, 30L);
  }

  @Test
  void addTarget_afterRedirects_proxiesRedirectToTheOwnersOfTheNewSmap() throws Exception {
    LocalCluster cluster = start(2, 3);
    JaisClient client = clientOf(cluster);
    Bucket bucket = Bucket.ais("grow-redirect");
    client.buckets().create(bucket);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      names.add("obj-" + i);
    }
    assertRedirectsToOwners(cluster, bucket, names); // the proxies now hold the old placement

    Node added = cluster.addTarget();

    long toAdded = assertRedirectsToOwners(cluster, bucket, names).stream()
        .filter(location -> location.startsWith(added.url() + "/")).count();
    assertThat(toAdded).isBetween(10L, 60L); // two proxies, ~15 of 60 names each
  }

  /** Checks that every proxy's 301 for every name points at the owner by its current Smap; the Locations. */
  private static List<String> assertRedirectsToOwners(LocalCluster cluster, Bucket bucket, List<String> names)
      throws Exception {
    List<String> locations = new ArrayList<>();
    for (Node proxy : cluster.proxies()) {
      Smap smap = proxy.state().smap();
      for (String name : names) {
        HttpResponse<byte[]> r = RawHttp.sendNoRedirect("GET",
            proxy.url() + "/v1/objects/" + bucket.name() + "/" + name + "?provider=ais", null);
        assertThat(r.statusCode()).isEqualTo(301);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).as(name).startsWith(smap.owner(bucket, name).url() + "/v1/objects/");
        locations.add(location);
      }
    }
    return locations;
  }

  @Test
  void metadataVersions_acrossMembershipAndBucketChanges_neverDecreaseOnAnyNode() throws Exception {
    LocalCluster cluster = start(2, 3);
    JaisClient client = clientOf(cluster);
    Map<String, long[]> last = new HashMap<>();
    Runnable check = () -> {
      for (Node node : cluster.nodes()) {
        long smap = node.state().smap().version();
        long bmd = node.state().bmd().version();
        long[] seen = last.getOrDefault(node.snode().id(), new long[] {0, 0});
        assertThat(smap).as("Smap version on %s", node.snode().displayName()).isGreaterThanOrEqualTo(seen[0]);
        assertThat(bmd).as("BMD version on %s", node.snode().displayName()).isGreaterThanOrEqualTo(seen[1]);
        last.put(node.snode().id(), new long[] {smap, bmd});
      }
    };
    List<String> regressions = new java.util.concurrent.CopyOnWriteArrayList<>();
    cluster.nodes().forEach(node -> watchVersions(node, regressions));
    check.run();
    long bmd0 = cluster.primary().state().bmd().version();

    client.buckets().create(Bucket.ais("v1"));
    check.run();
    long bmd1 = cluster.primary().state().bmd().version();
    client.buckets().setProps(Bucket.ais("v1"), WireJson.MAPPER.readTree("{\"features\":\"4096\"}"));
    check.run();
    long bmd2 = cluster.primary().state().bmd().version();
    long smap0 = cluster.primary().state().smap().version();
    watchVersions(cluster.addTarget(), regressions);
    check.run();
    long smap1 = cluster.primary().state().smap().version();
    Node restarted = cluster.restartTarget(0);
    watchVersions(restarted, regressions);
    // this test is about versions, not about when restartTarget returns (see restartTarget_newPort_...)
    Await.until("the primary has the restarted target's new URL", SETTLE,
        () -> restarted.url().equals(cluster.primary().state().smap().node(restarted.snode().id()).url()));
    cluster.awaitStable(SETTLE);
    check.run();
    long smap2 = cluster.primary().state().smap().version();
    client.buckets().destroy(Bucket.ais("v1"));
    check.run();
    long bmd3 = cluster.primary().state().bmd().version();

    assertThat(regressions).as("published versions that did not increase").isEmpty();
    assertThat(List.of(bmd0, bmd1, bmd2, bmd3)).isSorted().doesNotHaveDuplicates();
    assertThat(smap1).isGreaterThan(smap0);
    assertThat(smap2).isGreaterThan(smap1);
    cluster.awaitStable(SETTLE);
    for (Node node : cluster.nodes()) {
      assertThat(node.state().bmd().version()).isEqualTo(bmd3);
      assertThat(node.state().bmd().uuid()).isEqualTo(cluster.primary().state().smap().uuid());
    }
  }

  @Test
  void metasync_olderBmd_isIgnored() throws Exception {
    LocalCluster cluster = start(1, 3);
    JaisClient client = clientOf(cluster);
    Node target = cluster.targets().get(0);
    client.buckets().create(Bucket.ais("kept-a"));
    cluster.awaitStable(SETTLE);
    byte[] oldBmd = RawHttp.send("GET", target.url() + "/v1/daemon?what=bmd", null).body();
    client.buckets().create(Bucket.ais("kept-b"));
    cluster.awaitStable(SETTLE);
    Bmd current = target.state().bmd();

    HttpResponse<byte[]> push = pushMetasync(cluster, target, "bmd", WireJson.MAPPER.readTree(oldBmd));

    assertThat(push.statusCode()).as(RawHttp.text(push)).isLessThan(500);
    assertThat(target.state().bmd()).isEqualTo(current);
    assertThat(target.state().bmd().contains(Bucket.ais("kept-b"))).isTrue();
    assertThat(client.buckets().exists(Bucket.ais("kept-b"))).isTrue();
    client.objects().put(Bucket.ais("kept-b"), "still-works", new byte[] {1});
  }

  @Test
  void metasync_sameBmdVersionWithOtherContent_isIgnored() throws Exception {
    LocalCluster cluster = start(1, 2);
    JaisClient client = clientOf(cluster);
    Node target = cluster.targets().get(1);
    client.buckets().create(Bucket.ais("same-version"));
    cluster.awaitStable(SETTLE);
    Bmd current = target.state().bmd();
    ObjectNode forged = wireTree(current);
    forged.putObject("buckets");

    pushMetasync(cluster, target, "bmd", forged);

    assertThat(target.state().bmd()).isEqualTo(current);
  }

  @Test
  void metasync_bmdOfAnotherCluster_isRefusedWith409() throws Exception {
    LocalCluster cluster = start(1, 2);
    JaisClient client = clientOf(cluster);
    Node target = cluster.targets().get(0);
    client.buckets().create(Bucket.ais("mine"));
    cluster.awaitStable(SETTLE);
    Bmd current = target.state().bmd();
    ObjectNode foreign = wireTree(current);
    foreign.put("uuid", "someOtherCluster");
    foreign.put("version", Long.toString(current.version() + 100));
    foreign.putObject("buckets");

    HttpResponse<byte[]> push = pushMetasync(cluster, target, "bmd", foreign);

    assertThat(push.statusCode()).as(RawHttp.text(push)).isEqualTo(409);
    assertThat(target.state().bmd()).isEqualTo(current);
    assertThat(client.buckets().exists(Bucket.ais("mine"))).isTrue();
  }

  @Test
  void metasync_smapOfAnotherCluster_isRefusedWith409() throws Exception {
    LocalCluster cluster = start(2, 2);
    for (Node node : List.of(cluster.proxies().get(1), cluster.targets().get(0))) {
      Smap current = node.state().smap();
      ObjectNode foreign = wireTree(current);
      foreign.put("uuid", "someOtherCluster");
      foreign.put("version", Long.toString(current.version() + 100));

      HttpResponse<byte[]> push = pushMetasync(cluster, node, "smap", foreign);

      assertThat(push.statusCode()).as(node.snode().displayName() + ": " + RawHttp.text(push)).isEqualTo(409);
      assertThat(node.state().smap()).isEqualTo(current);
    }
  }

  @Test
  void metasync_newerBmdFromPrimary_reachesEveryNode() throws Exception {
    LocalCluster cluster = start(2, 3);
    JaisClient client = clientOf(cluster);

    client.buckets().create(Bucket.ais("spread"));

    long version = cluster.primary().state().bmd().version();
    Await.until("every node has BMD v" + version, SETTLE, () -> cluster.nodes().stream()
        .allMatch(n -> n.state().bmd().version() == version && n.state().bmd().contains(Bucket.ais("spread"))));
  }

  /** Records every published Smap or BMD change on the node whose version is not above the old one. */
  private static void watchVersions(Node node, List<String> regressions) {
    String name = node.snode().displayName();
    node.state().smapOwner().onChange((before, after) -> {
      if (after.version() <= before.version()) {
        regressions.add(name + " Smap v" + before.version() + " -> v" + after.version());
      }
    });
    node.state().bmdOwner().onChange((before, after) -> {
      if (after.version() <= before.version()) {
        regressions.add(name + " BMD v" + before.version() + " -> v" + after.version());
      }
    });
  }

  /** The document as it travels (valueToTree would turn unsigned 64-bit strings into doubles). */
  private static ObjectNode wireTree(Object document) throws java.io.IOException {
    return (ObjectNode) WireJson.MAPPER.readTree(WireJson.toBytes(document));
  }

  /**
   * Pushes a document as the primary would (its ID, the cluster's secret), so that what the
   * receiver decides is its version and UUID rules, not the credentials.
   */
  private static HttpResponse<byte[]> pushMetasync(LocalCluster cluster, Node node, String kind, JsonNode document)
      throws Exception {
    ObjectNode payload = WireJson.MAPPER.createObjectNode();
    payload.set(kind, document);
    IntraAuth primary = new IntraAuth(cluster.primary().snode().id(), ClusterSecret.loadOrCreate(cluster.secretFile()),
        java.time.InstantSource.system(), null);
    return RawHttp.send("PUT", node.snode().controlUrl() + "/v1/metasync", WireJson.MAPPER.writeValueAsBytes(payload),
        "Content-Type", "application/json", IntraAuth.HEADER, primary.header("PUT", "/v1/metasync"));
  }
}
