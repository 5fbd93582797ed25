package io.jais.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.cli.Main;
import io.jais.cli.Session;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code jais job start rebalance}, {@code jais show rebalance} and {@code jais storage mountpath} on a real cluster. */
@JaisCluster(targets = 2, mountpaths = 2)
class RebalanceCommandsTest {
  private final LocalCluster cluster;
  private final JaisClient client;

  RebalanceCommandsTest(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  private record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (Session session = new Session(Map.of("AIS_ENDPOINT", cluster.endpoint()), new ByteArrayInputStream(new byte[0]),
        out, err)) {
      status = Main.run(session, args);
    }
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void startRebalanceAndWait_thenShowRebalance_listsTheLatestPerTarget() {
    Result started = run("job", "start", "rebalance", "--wait");
    assertThat(started.status()).as(started.toString()).isZero();
    Matcher id = Pattern.compile("rebalance\\[(g[0-9]+)\\]").matcher(started.out());
    assertThat(id.find()).as(started.toString()).isTrue();

    Result shown = run("show", "rebalance");

    assertThat(shown.status()).as(shown.toString()).isZero();
    assertThat(shown.out()).contains(id.group(1));
    for (Node target : cluster.targets()) {
      assertThat(shown.out()).contains(target.snode().id());
    }
  }

  @Test
  void mountpathDisableThenEnable_resilvers_andObjectsStayReadable() {
    Bucket bucket = Bucket.ais("cli-mp");
    client.buckets().create(bucket);
    for (int i = 0; i < 50; i++) {
      client.objects().put(bucket, "o" + i, ("object " + i).getBytes(StandardCharsets.UTF_8));
    }
    Node target = cluster.targets().getFirst();
    String mountpath = Path.of(target.config().mountpaths().getFirst()).toAbsolutePath().normalize().toString();

    Result disabled = run("storage", "mountpath", "disable", target.snode().id(), mountpath);
    assertThat(disabled.status()).as(disabled.toString()).isZero();
    assertThat(disabled.out()).contains("Disabled " + mountpath).contains("resilvering: jais show job ");
    Result again = run("storage", "mountpath", "disable", target.snode().id(), mountpath);
    assertThat(again.status()).as(again.toString()).isZero();
    assertThat(again.out()).doesNotContain("resilvering");
    Result enabled = run("storage", "mountpath", "enable", target.snode().id(), mountpath);
    assertThat(enabled.status()).as(enabled.toString()).isZero();
    Result unknown = run("storage", "mountpath", "enable", target.snode().id(), "/no/such/mountpath");
    assertThat(unknown.status()).as(unknown.toString()).isNotZero();
    assertThat(unknown.err()).contains("not attached");

    for (int i = 0; i < 50; i++) {
      assertThat(client.objects().get(bucket, "o" + i)).asString(StandardCharsets.UTF_8).isEqualTo("object " + i);
    }
  }
}
