package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several proxies in one cluster: each serves every request (control operations are forwarded to
 * the primary, and what one proxy changed is visible through every other at once), set-primary
 * moves the primary role, and when the primary stops the others elect the next one by HRW.
 */
class ManyProxiesIT {
  @TempDir
  Path dir;
  private LocalCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyProxyServesEverything_readAfterWriteThroughAnyProxy() throws Exception {
    cluster = LocalCluster.start(dir, 3, 2, 0, 1);
    Node primary = cluster.primary();
    Node other = cluster.proxies().stream().filter(p -> p != primary).findFirst().orElseThrow();
    Node third = cluster.proxies().stream().filter(p -> p != primary && p != other).findFirst().orElseThrow();

    // create through a non-primary, use at once through another non-primary
    HttpResponse<byte[]> created = send("POST", other.url() + "/v1/buckets/via-other?provider=ais",
        json("{\"action\":\"create-bck\"}"));
    assertThat(created.statusCode()).as(text(created)).isEqualTo(200);
    assertThat(send("HEAD", third.url() + "/v1/buckets/via-other?provider=ais", null).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> put = send("PUT", third.url() + "/v1/objects/via-other/obj?provider=ais",
        "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
    assertThat(text(send("GET", other.url() + "/v1/objects/via-other/obj?provider=ais", null))).isEqualTo("hello");
    assertThat(text(send("GET", primary.url() + "/v1/objects/via-other/obj?provider=ais", null))).isEqualTo("hello");

    // cluster config through a non-primary: every node has it when the call returns
    HttpResponse<byte[]> config = send("PUT", third.url() + "/v1/cluster/set-config?lru.enabled=false", null);
    assertThat(config.statusCode()).as(text(config)).isEqualTo(200);
    for (Node node : cluster.nodes()) {
      assertThat(node.state().config().version()).isEqualTo(primary.state().config().version());
    }

    // destroy through another non-primary: gone everywhere at once
    assertThat(send("DELETE", other.url() + "/v1/buckets/via-other?provider=ais",
        json("{\"action\":\"destroy-bck\"}")).statusCode()).isEqualTo(200);
    assertThat(send("HEAD", third.url() + "/v1/buckets/via-other?provider=ais", null).statusCode()).isEqualTo(404);
    for (Node node : cluster.nodes()) {
      assertThat(node.state().bmd().contains(Bucket.ais("via-other"))).as(node.snode().id()).isFalse();
    }
  }

  @Test
  void setPrimary_throughANonPrimary_movesTheRole_andTheOldPrimaryForwardsAfterwards() throws Exception {
    cluster = LocalCluster.start(dir, 3, 2, 0, 1);
    Node old = cluster.primary();
    Node next = cluster.proxies().stream().filter(p -> p != old).findFirst().orElseThrow();
    Node asker = cluster.proxies().stream().filter(p -> p != old && p != next).findFirst().orElseThrow();
    long before = old.state().smap().version();

    HttpResponse<byte[]> moved = send("PUT", asker.url() + "/v1/cluster/proxy/" + next.snode().id(), null);
    assertThat(moved.statusCode()).as(text(moved)).isEqualTo(200);
    Await.until("every node names " + next.snode().id() + " primary", Duration.ofSeconds(20),
        () -> cluster.nodes().stream().allMatch(n -> n.state().smap().isPrimary(next.snode().id())));
    Await.until("the old primary stepped down and the new one took over", Duration.ofSeconds(20),
        () -> !old.isPrimary() && next.isPrimary());
    assertThat(next.state().smap().version()).isGreaterThan(before);
    assertThat(next.state().smap().proxies()).hasSize(3); // the old primary stays, as a proxy

    // the old primary now forwards; the new one serves
    HttpResponse<byte[]> created = send("POST", old.url() + "/v1/buckets/after-move?provider=ais",
        json("{\"action\":\"create-bck\"}"));
    assertThat(created.statusCode()).as(text(created)).isEqualTo(200);
    assertThat(next.state().bmd().contains(Bucket.ais("after-move"))).isTrue();
    cluster.awaitStable(Duration.ofSeconds(20)); // keepalives go to the new primary

    // bad requests change nothing
    long version = next.state().smap().version();
    assertThat(send("PUT", asker.url() + "/v1/cluster/proxy/nosuchnode", null).statusCode()).isEqualTo(404);
    String target = cluster.targets().get(0).snode().id();
    assertThat(send("PUT", asker.url() + "/v1/cluster/proxy/" + target, null).statusCode()).isEqualTo(400);
    assertThat(next.state().smap().version()).isEqualTo(version);
  }

  @Test
  void whenThePrimaryStops_theNextByHrwIsElected_metadataKeepsItsOrder_andTheOldOneRejoinsAsNonPrimary()
      throws Exception {
    cluster = LocalCluster.start(dir, 3, 2, 0, 1);
    Node old = cluster.primary();
    int oldIndex = cluster.proxies().indexOf(old);
    assertThat(send("POST", old.url() + "/v1/buckets/before?provider=ais", json("{\"action\":\"create-bck\"}"))
        .statusCode()).isEqualTo(200);
    Smap before = old.state().smap();
    long bmdBefore = old.state().bmd().version();
    Snode heir = before.nextPrimary(old.snode().id());

    cluster.stopProxy(oldIndex);
    Node now = cluster.primary();
    assertThat(now.snode().id()).isEqualTo(heir.id());
    Smap after = now.state().smap();
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(after.contains(old.snode().id())).isFalse();
    assertThat(now.state().bmd().version()).isEqualTo(bmdBefore);
    assertThat(now.state().bmd().contains(Bucket.ais("before"))).isTrue();

    // control operations work through every surviving proxy
    for (Node proxy : cluster.nodes()) {
      if (proxy.snode().isTarget()) {
        continue;
      }
      String name = "after-" + proxy.snode().id().toLowerCase();
      HttpResponse<byte[]> created = send("POST", proxy.url() + "/v1/buckets/" + name + "?provider=ais",
          json("{\"action\":\"create-bck\"}"));
      assertThat(created.statusCode()).as(text(created)).isEqualTo(200);
    }
    assertThat(now.state().bmd().version()).isEqualTo(bmdBefore + 2);

    // the old primary comes back on its data, learns the new map, and joins as a proxy
    Node back = cluster.startProxy(oldIndex);
    assertThat(back.isPrimary()).isFalse();
    assertThat(back.state().smap().isPrimary(heir.id())).isTrue();
    assertThat(back.state().bmd().version()).isEqualTo(now.state().bmd().version());
    assertThat(cluster.primary().snode().id()).isEqualTo(heir.id());
  }
}
