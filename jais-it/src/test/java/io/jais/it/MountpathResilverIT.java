package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.Mountpaths;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mountpath operations through the proxy ({@code /v1/reverse/daemon/mountpaths}) under PUT, GET
 * and DELETE traffic: a disabled mountpath is drained by a resilver, a re-enabled one gets its
 * objects back, and throughout and afterwards every object reads back as written and sits on its
 * HRW mountpath.
 */
class MountpathResilverIT {
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
  void disableThenEnable_underLoad_resilvers_andLosesNothing() throws Exception {
    LocalCluster cluster = LocalCluster.start(dir, 1, 2, 0, 3);
    open.add(cluster);
    JaisClient client = JaisClient.create(cluster.endpoint());
    open.add(client);
    Bucket bucket = Bucket.ais("disks");
    client.buckets().create(bucket);
    VerifyingLoad load = VerifyingLoad.start(client, bucket, 4, 1500);
    open.add(load);
    Node target = cluster.targets().getFirst();
    List<Path> all = target.config().mountpaths().stream().map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
    Path disabled = all.getFirst();

    String job = mountpath(cluster, target, "POST", "disable-mp", disabled, 200);
    assertThat(job).as("resilver job ID").isNotEmpty();
    awaitJob(cluster.endpoint(), job);
    JsonNode states = WireJson.MAPPER.readTree(RawHttp.send("GET", cluster.endpoint() + "/v1/reverse/daemon?what=mountpaths",
        null, "Ais-Node-Id", target.snode().id()).body());
    assertThat(states.get("disabled").get(0).asText()).isEqualTo(disabled.toString());
    assertThat(states.get("available")).hasSize(2);
    assertThat(filesUnder(disabled, bucket)).as("objects left on the disabled mountpath").isZero();

    String back = mountpath(cluster, target, "POST", "enable-mp", disabled, 200);
    awaitJob(cluster.endpoint(), back);
    load.stop();

    assertThat(load.failures()).as("answers under load (%d operations)", load.operations()).isEmpty();
    assertThat(filesUnder(disabled, bucket)).as("objects back on the enabled mountpath").isPositive();
    assertOnHome(cluster, client, bucket, load.expected());
  }

  @Test
  void badRequests_areRefused_andChangeNothing() throws Exception {
    LocalCluster cluster = LocalCluster.start(dir, 1, 1, 0, 2);
    open.add(cluster);
    Node target = cluster.targets().getFirst();
    Path first = Path.of(target.config().mountpaths().getFirst()).toAbsolutePath().normalize();
    Path second = Path.of(target.config().mountpaths().get(1)).toAbsolutePath().normalize();
    mountpath(cluster, target, "POST", "enable-mp", dir.resolve("nowhere"), 404);
    mountpath(cluster, target, "PUT", "attach-mp", first, 409);
    mountpath(cluster, target, "PUT", "disable-mp", first, 400);
    mountpath(cluster, target, "POST", "disable-mp", Path.of("relative"), 400);
    mountpath(cluster, target, "POST", "disable-mp", first, 200);
    mountpath(cluster, target, "POST", "disable-mp", second, 409); // the last enabled one
    assertThat(target.config().mountpaths()).hasSize(2);
    Path extra = dir.resolve("extra-mp");
    mountpath(cluster, target, "PUT", "attach-mp", extra, 200);
    mountpath(cluster, target, "DELETE", "detach-mp", extra, 200);
    mountpath(cluster, target, "POST", "enable-mp", first, 200);
  }

  private static String mountpath(LocalCluster cluster, Node target, String method, String action, Path path,
      int status) throws Exception {
    HttpResponse<byte[]> reply = RawHttp.send(method, cluster.endpoint() + "/v1/reverse/daemon/mountpaths",
        RawHttp.json("{\"action\":\"" + action + "\",\"value\":\"" + path + "\"}"), "Ais-Node-Id", target.snode().id());
    assertThat(reply.statusCode()).as(method + " " + action + " " + path + ": " + new String(reply.body()))
        .isEqualTo(status);
    return new String(reply.body());
  }

  private static void awaitJob(String endpoint, String id) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      JsonNode byTarget = WireJson.MAPPER.readTree(RawHttp.send("GET", endpoint + "/v1/cluster?what=qryxstats",
          RawHttp.json("{\"id\":\"" + id + "\"}")).body());
      for (JsonNode snapshots : byTarget) {
        for (JsonNode s : snapshots) {
          if (!s.path("end-time").asText().startsWith("0001")) {
            assertThat(s.path("aborted").asBoolean()).as("resilver %s aborted: %s", id, s).isFalse();
            assertThat(s.path("err").asText()).as("resilver %s", id).isEmpty();
            return;
          }
        }
      }
      assertThat(System.nanoTime()).as("resilver %s ended in time", id).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static long filesUnder(Path mountpath, Bucket bucket) throws Exception {
    Path objects = Fqn.contentDir(Mountpath.open(mountpath), bucket, Fqn.OBJECTS);
    if (!Files.exists(objects)) {
      return 0;
    }
    try (var files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  /** Byte-exact, listed once, on its owner's HRW mountpath (over all its mountpaths, enabled again). */
  private static void assertOnHome(LocalCluster cluster, JaisClient client, Bucket bucket, Map<String, Long> expected)
      throws Exception {
    List<String> listed = client.buckets().list(bucket, "").map(e -> e.name()).toList();
    assertThat(listed).doesNotHaveDuplicates();
    assertThat(new HashSet<>(listed)).isEqualTo(expected.keySet());
    Smap smap = cluster.primary().state().smap();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Long> object : expected.entrySet()) {
      String name = object.getKey();
      assertThat(client.objects().get(bucket, name)).as(name).isEqualTo(VerifyingLoad.content(name, object.getValue()));
      Node owner = cluster.targets().stream().filter(t -> t.snode().id().equals(smap.owner(bucket, name).id()))
          .findFirst().orElseThrow();
      Mountpaths mountpaths = Mountpaths.open(owner.config().mountpaths().stream().map(Path::of).toList());
      Mountpath home = mountpaths.forObject(bucket, name);
      for (Mountpath mountpath : mountpaths.all()) {
        boolean there = Files.exists(Fqn.of(mountpath, bucket, name).path());
        if (there != mountpath.equals(home)) {
          wrong.add(name + (there ? " on " : " missing from ") + mountpath);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }
}
