package io.jais.it;

import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.json.WireJson;
import io.jais.loader.Loader;
import io.jais.loader.LoaderConfig;
import io.jais.loader.Mix;
import io.jais.loader.Sizes;
import io.jais.loader.Summary;
import io.jais.testkit.Await;
import io.jais.testkit.ProcessCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane under faults and overload, with every node a separate process: a node is
 * removed only when it is gone, a removed node comes back by itself, and an overloaded cluster
 * slows down without losing its members or its data.
 */
class ControlPlaneIT {
  /** How long the overload runs; CI affords a minute, bench/ runs it longer. */
  private static final Duration OVERLOAD = Duration.ofSeconds(Integer.getInteger("jais.it.overloadSeconds", 60));
  private static final int CLIENTS = Integer.getInteger("jais.it.overloadClients", 256);

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
  void aFrozenTarget_isRemovedOnceItsProbesFail_thenRejoinsByItself_andCatchesUpOnMetadata() throws Exception {
    cluster = ProcessCluster.start(dir, 3, 1, List.of("-Xmx256m"));
    String endpoint = cluster.endpoint();
    assertThat(send("PUT", endpoint + "/v1/cluster/set-config?keepalivetracker.interval=300ms"
        + "&keepalivetracker.timeout=2s", null).statusCode()).isEqualTo(200);
    ProcessCluster.NodeProcess frozen = cluster.targets().get(1);
    Await.until("the target has the short keepalive", Duration.ofSeconds(20),
        () -> configOf(frozen).contains("\"timeout\":\"2s\""));

    frozen.freeze();
    Smap without = cluster.awaitSmap(frozen.id() + " removed", Duration.ofSeconds(60),
        smap -> !smap.contains(frozen.id()));
    assertThat(without.targets()).hasSize(2);
    createBucket(endpoint, "made-while-away");

    frozen.thaw();
    cluster.awaitSmap(frozen.id() + " back", Duration.ofSeconds(60), smap -> smap.contains(frozen.id()));
    Await.until(frozen.id() + " has the bucket created while it was away", Duration.ofSeconds(30),
        () -> bmdOf(frozen).contains(Bucket.ais("made-while-away")));
    // and it serves its share again: objects it owns go to it
    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> put = send("PUT", endpoint + "/v1/objects/made-while-away/o" + i + "?provider=ais",
          ("v" + i).getBytes(StandardCharsets.UTF_8));
      assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
      assertThat(text(send("GET", endpoint + "/v1/objects/made-while-away/o" + i + "?provider=ais", null)))
          .isEqualTo("v" + i);
    }
  }

  @Test
  void aBusyTarget_isNotRemovedWhileItAnswersItsProbes() throws Exception {
    cluster = ProcessCluster.start(dir, 2, 1, List.of("-Xmx256m"));
    String endpoint = cluster.endpoint();
    assertThat(send("PUT", endpoint + "/v1/cluster/set-config?keepalivetracker.interval=300ms"
        + "&keepalivetracker.timeout=1s", null).statusCode()).isEqualTo(200);
    ProcessCluster.NodeProcess target = cluster.targets().get(0);
    Await.until("the target has the short keepalive", Duration.ofSeconds(20),
        () -> configOf(target).contains("\"timeout\":\"1s\""));
    long version = cluster.smap().version();
    // frozen for less than the probes take: silent past the timeout, but it answers a later probe
    for (int i = 0; i < 3; i++) {
      target.freeze();
      Thread.sleep(1500);
      target.thaw();
      Thread.sleep(1000);
    }
    assertThat(cluster.smap().version()).as("cluster map changed").isEqualTo(version);
  }

  /**
   * 256 clients of mixed PUT and GET (16 KiB to 1 MiB, every read verified) on 3 targets and a
   * proxy sharing these cores: the cluster map never changes, no read of an object fails, and the
   * only failures at all are requests a node shed, which the client retried.
   */
  @Test
  void underOverload_theClusterMapHolds_andEveryReadVerifies() throws Exception {
    cluster = ProcessCluster.start(dir, 3, 2, List.of("-Xmx1g"));
    String endpoint = cluster.endpoint();
    createBucket(endpoint, "overload");
    Smap before = cluster.smap();
    List<String> changes = new CopyOnWriteArrayList<>();
    Thread watcher = Thread.ofPlatform().daemon().start(() -> watch(before, changes));

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LoaderConfig config = new LoaderConfig("native", endpoint, "overload", OVERLOAD, 0, CLIENTS, new Mix(50),
        Sizes.Range.parse("16KiB-1MiB"), "ov/", false, 2000, false, true, false, Duration.ofSeconds(10),
        Duration.ofSeconds(120), "", "", "", null);
    Summary summary;
    try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      summary = new Loader(config, out).run();
    } finally {
      watcher.interrupt();
      watcher.join();
    }
    String report = log.toString(StandardCharsets.UTF_8);
    System.out.println(report);

    assertThat(changes).as("cluster map changes under load").isEmpty();
    assertThat(cluster.smap().version()).isEqualTo(before.version());
    assertThat(summary.line("GET").ops()).as(report).isPositive();
    assertThat(summary.line("PUT").ops()).as(report).isPositive();
    assertThat(summary.totalErrors()).as("failures that were not retried shedding: " + report).isZero();
    assertThat(summary.totalRetried()).as("shed and retried (should be little of it): " + report)
        .isLessThan(Math.max(1, summary.totalOps() / 20));
  }

  private void watch(Smap before, List<String> changes) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Smap now = cluster.smap();
        if (now.version() != before.version()) {
          changes.add("Smap v" + before.version() + " -> v" + now.version() + ": targets " + now.targets().keySet());
          return;
        }
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        changes.add("primary did not answer: " + e);
      }
    }
  }

  private static void createBucket(String endpoint, String name) throws Exception {
    HttpResponse<byte[]> r = send("POST", endpoint + "/v1/buckets/" + name + "?provider=ais",
        "{\"action\":\"create-bck\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
  }

  private static String configOf(ProcessCluster.NodeProcess node) {
    try {
      return text(send("GET", node.url() + "/v1/daemon?what=config", null));
    } catch (Exception e) {
      return "";
    }
  }

  private static Bmd bmdOf(ProcessCluster.NodeProcess node) {
    try {
      return WireJson.parse(send("GET", node.url() + "/v1/daemon?what=bmd", null).body(), Bmd.class);
    } catch (Exception e) {
      return Bmd.empty();
    }
  }
}
