package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.sendNoRedirect;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.LocalConfig;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node lifecycle through any proxy: maintenance on and off (placement skips the target, reads stay
 * correct), decommission (the node leaves the map and stops), shutdown of a node (it keeps its
 * place in maintenance and comes back in it), and a node added by an admin.
 */
class NodeLifecycleIT {
  private static final int OBJECTS = 30;

  @TempDir
  Path dir;
  private LocalCluster cluster;
  private Node extra;

  @AfterEach
  void stop() {
    if (extra != null) {
      extra.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void maintenance_takesATargetOutOfPlacement_readsStayCorrect_andStopMaintenanceBringsItBack() throws Exception {
    cluster = LocalCluster.start(dir, 2, 3, 0, 1);
    String via = nonPrimary().url();
    putObjects(via, "m");
    Node target = cluster.targets().get(1);
    String id = target.snode().id();

    HttpResponse<byte[]> on = act(via, "start-maintenance", id);
    assertThat(on.statusCode()).as(text(on)).isEqualTo(200);
    for (Node node : cluster.nodes()) {
      assertThat(node.state().smap().node(id).inMaintenance()).as(node.snode().id()).isTrue();
    }
    Smap smap = cluster.primary().state().smap();
    assertThat(smap.activeTargets()).extracting(Snode::id).doesNotContain(id);
    for (int i = 0; i < OBJECTS; i++) {
      HttpResponse<byte[]> redirect = sendNoRedirect("GET", via + "/v1/objects/m/o" + i + "?provider=ais", null);
      assertThat(redirect.headers().firstValue("Location").orElseThrow()).doesNotStartWith(target.url());
    }
    checkObjects(via, "m"); // the new owners fetch what the target in maintenance holds
    assertThat(target.isClosed()).isFalse(); // maintenance does not stop it

    HttpResponse<byte[]> off = act(cluster.primary().url(), "stop-maintenance", id);
    assertThat(off.statusCode()).as(text(off)).isEqualTo(200);
    assertThat(cluster.primary().state().smap().node(id).isActive()).isTrue();
    checkObjects(via, "m");

    // what cannot be done changes nothing
    long version = cluster.primary().state().smap().version();
    assertThat(act(via, "stop-maintenance", id).statusCode()).isEqualTo(400); // not in maintenance
    assertThat(act(via, "start-maintenance", cluster.primary().snode().id()).statusCode()).isEqualTo(400); // primary
    assertThat(act(via, "start-maintenance", "nosuchnode").statusCode()).isEqualTo(404);
    assertThat(send("PUT", via + "/v1/cluster", json("{\"action\":\"start-maintenance\"}")).statusCode())
        .isEqualTo(400);
    assertThat(send("PUT", via + "/v1/cluster", json("{\"action\":\"decommission\"}")).statusCode()).isEqualTo(501);
    assertThat(cluster.primary().state().smap().version()).isEqualTo(version);
  }

  @Test
  void decommission_afterMaintenanceMovedTheObjects_removesTheTarget_andStopsIt_objectsStayReadable()
      throws Exception {
    cluster = LocalCluster.start(dir, 2, 3, 0, 1);
    String via = nonPrimary().url();
    putObjects(via, "d");
    Node target = cluster.targets().get(0);
    String id = target.snode().id();
    // this build has no rebalance: reads during maintenance move each object to its new owner
    assertThat(act(via, "start-maintenance", id).statusCode()).isEqualTo(200);
    checkObjects(via, "d");

    HttpResponse<byte[]> gone = send("PUT", via + "/v1/cluster",
        json("{\"action\":\"decommission-node\",\"value\":{\"sid\":\"" + id + "\",\"rm_user_data\":true}}"));
    assertThat(gone.statusCode()).as(text(gone)).isEqualTo(200);
    assertThat(cluster.primary().state().smap().contains(id)).isFalse();
    Await.until(id + " stopped", Duration.ofSeconds(20), target::isClosed);
    cluster.awaitStable(Duration.ofSeconds(30));
    checkObjects(via, "d");
    checkObjects(cluster.primary().url(), "d");
    Path mountpath = Path.of(target.config().mountpaths().get(0));
    Await.until("its objects deleted (rm_user_data)", Duration.ofSeconds(20), () -> isEmpty(mountpath));
    assertThat(Files.exists(Path.of(target.config().metaDir(), "smap.json"))).isFalse();
  }

  @Test
  void shutdownNode_stopsIt_itKeepsItsPlaceInMaintenance_andComesBackInIt() throws Exception {
    cluster = LocalCluster.start(dir, 2, 3, 0, 1);
    String via = nonPrimary().url();
    Node target = cluster.targets().get(2);
    String id = target.snode().id();
    HttpResponse<byte[]> down = act(via, "shutdown-node", id);
    assertThat(down.statusCode()).as(text(down)).isEqualTo(200);
    Await.until(id + " stopped", Duration.ofSeconds(20), target::isClosed);
    Thread.sleep(2 * cluster.primary().state().config().keepalive().intervalDuration().toMillis());
    assertThat(cluster.primary().state().smap().node(id).inMaintenance()).isTrue();

    Node back = cluster.startTarget(2);
    assertThat(cluster.primary().state().smap().node(back.snode().id()).inMaintenance()).isTrue();
    assertThat(act(via, "stop-maintenance", id).statusCode()).isEqualTo(200);
    assertThat(cluster.primary().state().smap().node(id).isActive()).isTrue();
    putObjects(via, "s");
    checkObjects(via, "s");
  }

  @Test
  void aTargetStartedWithoutAPrimary_isAddedByAnAdmin_throughAnyProxy() throws Exception {
    cluster = LocalCluster.start(dir, 2, 1, 0, 1);
    Path home = dir.resolve("extra");
    Path mp = Files.createDirectories(home.resolve("mp1"));
    extra = Node.start(new LocalConfig(NodeRole.TARGET, "", "127.0.0.1", "", 0, home.resolve("meta").toString(),
        List.of(mp.toString()), "", 0, 0, cluster.secretFile().toString(), home.resolve("log").toString()));
    assertThat(extra.awaitJoined(Duration.ofMillis(500))).isFalse(); // nobody to join

    HttpResponse<byte[]> joined = send("POST", nonPrimary().url() + "/v1/cluster/join-by-admin",
        json("{\"public_net\":{\"direct_url\":\"" + extra.url() + "\"},\"daemon_type\":\"target\"}"));
    assertThat(joined.statusCode()).as(text(joined)).isEqualTo(200);
    assertThat(text(joined)).contains("\"daemon_id\":\"" + extra.snode().id() + "\"");
    assertThat(extra.awaitJoined(Duration.ofSeconds(20))).isTrue();
    assertThat(cluster.primary().state().smap().targets()).containsKey(extra.snode().id());
    Await.until("the new target has the BMD", Duration.ofSeconds(20),
        () -> extra.state().bmd().version() == cluster.primary().state().bmd().version());

    assertThat(send("POST", cluster.primary().url() + "/v1/cluster/join-by-admin", json("{}")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void clusterShutdown_throughANonPrimary_stopsEveryNode() throws Exception {
    cluster = LocalCluster.start(dir, 2, 2, 0, 1);
    HttpResponse<byte[]> down = send("PUT", nonPrimary().url() + "/v1/cluster", json("{\"action\":\"shutdown\"}"));
    assertThat(down.statusCode()).as(text(down)).isEqualTo(200);
    List<Node> all = new java.util.ArrayList<>(cluster.proxies());
    all.addAll(cluster.targets());
    Await.until("every node stopped", Duration.ofSeconds(30), () -> all.stream().allMatch(Node::isClosed));
  }

  // --- helpers

  private Node nonPrimary() {
    Node primary = cluster.primary();
    return cluster.proxies().stream().filter(p -> p != primary).findFirst().orElseThrow();
  }

  private static HttpResponse<byte[]> act(String proxy, String action, String id) throws Exception {
    return send("PUT", proxy + "/v1/cluster", json("{\"action\":\"" + action + "\",\"value\":{\"sid\":\"" + id + "\"}}"));
  }

  private void putObjects(String proxy, String bucket) throws Exception {
    if (!cluster.primary().state().bmd().contains(Bucket.ais(bucket))) {
      assertThat(send("POST", proxy + "/v1/buckets/" + bucket + "?provider=ais", json("{\"action\":\"create-bck\"}"))
          .statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < OBJECTS; i++) {
      HttpResponse<byte[]> put = send("PUT", proxy + "/v1/objects/" + bucket + "/o" + i + "?provider=ais",
          ("value " + i).getBytes(StandardCharsets.UTF_8));
      assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
    }
  }

  private static void checkObjects(String proxy, String bucket) throws Exception {
    for (int i = 0; i < OBJECTS; i++) {
      HttpResponse<byte[]> got = send("GET", proxy + "/v1/objects/" + bucket + "/o" + i + "?provider=ais", null);
      assertThat(got.statusCode()).as(bucket + "/o" + i + ": " + text(got)).isEqualTo(200);
      assertThat(text(got)).isEqualTo("value " + i);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
