package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.cluster.Smap;
import io.jais.testkit.Await;
import io.jais.testkit.ProcessCluster;
import io.jais.testkit.ProcessCluster.NodeProcess;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node lifecycle with every node a separate process: maintenance on and off, shutdown of a node
 * (its process exits; it keeps its place in maintenance and comes back in it), decommission (its
 * process exits and it leaves the map), objects readable throughout.
 */
class NodeLifecycleProcessIT {
  private static final int OBJECTS = 40;

  @TempDir
  Path dir;
  private ProcessCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void maintenance_shutdownNode_decommission_withNodeProcesses() throws Exception {
    cluster = ProcessCluster.start(dir, 2, 3, 1, List.of("-Xmx256m"));
    String via = cluster.proxies().get(1).url(); // a non-primary: it forwards
    assertThat(send("POST", via + "/v1/buckets/life?provider=ais", json("{\"action\":\"create-bck\"}")).statusCode())
        .isEqualTo(200);
    for (int i = 0; i < OBJECTS; i++) {
      assertThat(send("PUT", via + "/v1/objects/life/o" + i + "?provider=ais", bytes(i)).statusCode()).isEqualTo(200);
    }
    NodeProcess t1 = cluster.targets().get(0);
    NodeProcess t3 = cluster.targets().get(2);

    // maintenance on and off: placement skips the target, reads stay correct
    assertThat(act(via, "start-maintenance", t1.id()).statusCode()).isEqualTo(200);
    assertThat(cluster.smap().node(t1.id()).inMaintenance()).isTrue();
    checkAll(via);
    assertThat(act(via, "stop-maintenance", t1.id()).statusCode()).isEqualTo(200);
    checkAll(via);

    // shutdown-node: the process exits, the node keeps its place in maintenance, and is back in it
    HttpResponse<byte[]> down = act(via, "shutdown-node", t3.id());
    assertThat(down.statusCode()).as(text(down)).isEqualTo(200);
    Await.until(t3.id() + " exited", Duration.ofSeconds(30), () -> !t3.isAlive());
    Thread.sleep(10_000); // past the keepalive timeout: a node in maintenance is not dropped
    assertThat(cluster.smap().node(t3.id()).inMaintenance()).isTrue();
    t3.start();
    Await.until(t3.id() + " back", Duration.ofSeconds(60), () -> {
      try {
        return cluster.smapOf(t3).contains(t3.id());
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(cluster.smap().node(t3.id()).inMaintenance()).isTrue();
    checkAll(via); // without a rebalance, what it holds is read from it while it is back (in maintenance)
    assertThat(act(via, "stop-maintenance", t3.id()).statusCode()).isEqualTo(200);

    // decommission: this build has no rebalance, so reads during maintenance move t1's objects first
    assertThat(act(via, "start-maintenance", t1.id()).statusCode()).isEqualTo(200);
    checkAll(via);
    HttpResponse<byte[]> gone = act(via, "decommission-node", t1.id());
    assertThat(gone.statusCode()).as(text(gone)).isEqualTo(200);
    Await.until(t1.id() + " exited", Duration.ofSeconds(30), () -> !t1.isAlive());
    Smap after = cluster.smap();
    assertThat(after.contains(t1.id())).isFalse();
    assertThat(after.targets()).hasSize(2);
    checkAll(via);
    checkAll(cluster.proxies().get(0).url());
  }

  private static byte[] bytes(int i) {
    return ("object " + i).getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<byte[]> act(String proxy, String action, String id) throws Exception {
    return send("PUT", proxy + "/v1/cluster", json("{\"action\":\"" + action + "\",\"value\":{\"sid\":\"" + id + "\"}}"));
  }

  private static void checkAll(String proxy) throws Exception {
    for (int i = 0; i < OBJECTS; i++) {
      HttpResponse<byte[]> got = send("GET", proxy + "/v1/objects/life/o" + i + "?provider=ais", null);
      assertThat(got.statusCode()).as("o" + i + ": " + text(got)).isEqualTo(200);
      assertThat(text(got)).isEqualTo("object " + i);
    }
  }
}
