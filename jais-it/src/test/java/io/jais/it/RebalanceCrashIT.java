package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.Mountpaths;
import io.jais.testkit.ProcessCluster;
import io.jais.testkit.ProcessCluster.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target in its own process is killed with SIGKILL while a rebalance runs, and restarted on its
 * data: the rebalance it cut short is followed by one that completes, and every object is then
 * readable, byte-exact, on its HRW owner only, and listed once.
 */
class RebalanceCrashIT {
  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static final int OBJECTS = 2000;

  @TempDir Path dir;
  private ProcessCluster cluster;
  private JaisClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killSendingTargetMidRebalance_thenRestart_nextRebalanceCompletes_nothingLost() throws Exception {
    cluster = ProcessCluster.start(dir, 3, 2, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    client = JaisClient.create(cluster.endpoint());
    Bucket bucket = Bucket.ais("crash");
    client.buckets().create(bucket);
    Map<String, byte[]> written = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < OBJECTS; i++) {
        String name = "obj/" + i;
        byte[] data = TestBytes.random(i, 4096 + (i * 7919) % 60_000);
        pool.execute(() -> {
          client.objects().put(bucket, name, data);
          written.put(name, data);
        });
      }
    }
    assertThat(written).hasSize(OBJECTS);

    cluster.addTarget(2);
    until("a rebalance running", Duration.ofSeconds(60), () -> running().stream().anyMatch(j -> j.startsWith("rebalance[")));
    NodeProcess victim = cluster.targets().getFirst();
    victim.kill();
    victim.start();

    // the restarted target serves again before anything is checked (listings ask every target)
    until("the restarted target answers", Duration.ofSeconds(120),
        () -> RawHttp.send("GET", victim.url() + "/v1/health", null).statusCode() == 200);
    JsonNode done = awaitCleanRebalance();
    assertThat(done.path("uuid").asText()).startsWith("g");
    Smap smap = cluster.smap();
    assertThat(smap.targets()).hasSize(4);
    assertPlaced(smap, bucket, written);
  }

  /** Polls {@code condition} (exceptions count as no) every 20 ms until true. */
  private static void until(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (Exception e) {
        // not there yet (a node restarting, the primary busy): ask again
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  private List<String> running() throws Exception {
    JsonNode names = WireJson.MAPPER.readTree(RawHttp.send("GET", cluster.endpoint() + "/v1/cluster?what=running_all",
        RawHttp.json("{}")).body());
    List<String> all = new ArrayList<>();
    names.forEach(n -> all.add(n.asText()));
    return all;
  }

  /** Waits until every target is back and the latest rebalance ended everywhere, not aborted, without errors. */
  private JsonNode awaitCleanRebalance() throws InterruptedException {
    JsonNode[] latest = new JsonNode[1];
    try {
      until("a rebalance that completes", SETTLE, () -> {
        if (cluster.smap().targets().size() != 4) {
          return false;
        }
        JsonNode status = WireJson.MAPPER.readTree(RawHttp.send("GET", cluster.endpoint() + "/v1/cluster?what=status",
            RawHttp.json("{\"kind\":\"rebalance\"}")).body());
        latest[0] = status;
        return status.path("end_time").asLong() != 0 && !status.path("aborted").asBoolean()
            && status.path("err").asText().isEmpty() && running().stream().noneMatch(j -> j.startsWith("rebalance["));
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (latest: " + latest[0] + "); logs:\n" + cluster.logs(), e);
    }
    return latest[0];
  }

  private void assertPlaced(Smap smap, Bucket bucket, Map<String, byte[]> written) throws Exception {
    // a target that restarted may still be catching up on metadata: the listing converges, then is exact
    until("every object listed", Duration.ofSeconds(60), () -> new HashSet<>(
        client.buckets().list(bucket, "").map(e -> e.name()).toList()).equals(written.keySet()));
    List<String> listed = client.buckets().list(bucket, "").map(e -> e.name()).toList();
    assertThat(listed).as("listing").doesNotHaveDuplicates();
    assertThat(new HashSet<>(listed)).isEqualTo(written.keySet());
    List<String> misplaced = new ArrayList<>();
    for (Map.Entry<String, byte[]> object : written.entrySet()) {
      String name = object.getKey();
      assertThat(client.objects().get(bucket, name)).as(name).isEqualTo(object.getValue());
      Snode owner = smap.owner(bucket, name);
      for (NodeProcess target : cluster.targets()) {
        Mountpaths mountpaths = Mountpaths.open(target.mountpaths());
        Mountpath home = mountpaths.forObject(bucket, name);
        for (Mountpath mountpath : mountpaths.all()) {
          boolean there = Files.exists(Fqn.of(mountpath, bucket, name).path());
          boolean expected = target.id().equals(owner.id()) && mountpath.equals(home);
          if (there != expected) {
            misplaced.add(name + (there ? " stored on " : " missing on ") + target.id() + ":" + mountpath);
          }
        }
      }
    }
    assertThat(misplaced).as("objects off their HRW owner and mountpath").isEmpty();
  }
}
