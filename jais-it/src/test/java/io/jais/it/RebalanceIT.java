package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.json.WireJson;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global rebalance in an in-process cluster: targets join while clients PUT, GET and DELETE, and
 * afterwards every object is byte-exact, on its HRW owner only, and listed once.
 */
class RebalanceIT {
  private static final Duration SETTLE = Duration.ofSeconds(120);

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void threeToFiveTargets_underLoad_everyObjectOnItsOwnerOnce() throws Exception {
    LocalCluster cluster = LocalCluster.start(dir, 1, 3, 0, 2);
    open.add(cluster);
    JaisClient client = JaisClient.create(cluster.endpoint());
    open.add(client);
    Bucket bucket = Bucket.ais("grow");
    client.buckets().create(bucket);
    VerifyingLoad load = VerifyingLoad.start(client, bucket, 4, 2000);
    open.add(load);

    cluster.addTarget();
    cluster.addTarget();
    Node primary = cluster.primary();
    long smapVersion = primary.state().smap().version();
    assertThat(primary.rebalance().awaitRebalanced(smapVersion, SETTLE))
        .as("rebalance settled for Smap v%d (last error: %s)", smapVersion, primary.rebalance().lastError()).isTrue();
    load.stop();

    assertThat(load.failures()).as("answers under load (%d operations)", load.operations()).isEmpty();
    assertThat(primary.state().rmd().version()).as("at least one rebalance ran").isPositive();
    assertThat(rebalanceStat(cluster.endpoint(), "{\"kind\":\"rebalance\"}", "out-objs")).as("objects sent by rebalances")
        .isPositive();
    assertPlaced(cluster, client, bucket, load.expected());

    // on demand (AIS: start kind rebalance): a g<N> ID; with everything in place it moves nothing
    String id = new String(RawHttp.send("PUT", cluster.endpoint() + "/v1/cluster",
        RawHttp.json("{\"action\":\"start\",\"value\":{\"kind\":\"rebalance\"}}")).body());
    assertThat(id).matches("g[0-9]+").isEqualTo("g" + primary.state().rmd().version());
    assertThat(primary.rebalance().awaitRebalanced(primary.state().smap().version(), SETTLE)).isTrue();
    JsonNode status = WireJson.MAPPER.readTree(RawHttp.send("GET", cluster.endpoint() + "/v1/cluster?what=status",
        RawHttp.json("{\"id\":\"" + id + "\"}")).body());
    assertThat(status.path("end_time").asLong()).as("status of %s: %s", id, status).isPositive();
    assertThat(status.path("aborted").asBoolean()).isFalse();
    assertThat(rebalanceStat(cluster.endpoint(), "{\"id\":\"" + id + "\"}", "out-objs")).as("sent by %s", id).isZero();
    assertPlaced(cluster, client, bucket, load.expected());
  }

  /** The sum of one counter over every target's snapshots of the jobs the query names. */
  static long rebalanceStat(String endpoint, String query, String stat) throws Exception {
    JsonNode all = WireJson.MAPPER.readTree(RawHttp.send("GET", endpoint + "/v1/cluster?what=qryxstats",
        RawHttp.json(query)).body());
    long sum = 0;
    for (JsonNode snapshots : all) {
      for (JsonNode snapshot : snapshots) {
        sum += snapshot.path("stats").path(stat).asLong();
      }
    }
    return sum;
  }

  /** Byte-exact, listed once, stored on its HRW owner and nowhere else. */
  static void assertPlaced(LocalCluster cluster, JaisClient client, Bucket bucket, Map<String, Long> expected)
      throws Exception {
    List<String> listed = client.buckets().list(bucket, "").map(e -> e.name()).toList();
    assertThat(listed).as("listing").doesNotHaveDuplicates();
    assertThat(new HashSet<>(listed)).isEqualTo(expected.keySet());
    Smap smap = cluster.primary().state().smap();
    List<String> misplaced = new ArrayList<>();
    for (Map.Entry<String, Long> object : expected.entrySet()) {
      String name = object.getKey();
      assertThat(client.objects().get(bucket, name)).as(name).isEqualTo(VerifyingLoad.content(name, object.getValue()));
      Snode owner = smap.owner(bucket, name);
      for (Node target : cluster.targets()) {
        for (Mountpath mountpath : PlacedFiles.mountpaths(target)) {
          boolean there = Files.exists(Fqn.of(mountpath, bucket, name).path());
          boolean home = target.snode().id().equals(owner.id())
              && mountpath.equals(PlacedFiles.home(target, bucket, name));
          if (there != home) {
            misplaced.add(name + (there ? " stored on " : " missing on ") + target.snode().id() + ":" + mountpath);
          }
        }
      }
    }
    assertThat(misplaced).as("objects off their HRW owner and mountpath").isEmpty();
    Set<String> targets = new HashSet<>();
    cluster.targets().forEach(t -> targets.add(t.snode().id()));
    assertThat(smap.activeTargets().stream().map(Snode::id)).containsExactlyInAnyOrderElementsOf(targets);
  }
}
