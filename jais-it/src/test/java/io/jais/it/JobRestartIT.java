package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NodeRole;
import io.jais.api.config.LocalConfig;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target in its own JVM is killed (SIGKILL) while one of its jobs runs, and started again on its
 * data: the job shows as aborted ("node restarted"), never as running forever, and a job that had
 * finished before still answers.
 */
class JobRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Node proxy;
  private Process target;

  @AfterEach
  void stop() throws Exception {
    if (target != null) {
      target.destroyForcibly().waitFor();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void targetKilledWhileAJobRuns_comesBackWithTheJobAborted() throws Exception {
    proxy = Node.start(new LocalConfig(NodeRole.PROXY, "", "127.0.0.1", "", 0, dir.resolve("proxy").toString(),
        List.of(), ""));
    Path config = writeTargetConfig();
    target = startTargetProcess(config);
    Await.until("target joined", WAIT, () -> proxy.state().smap().activeTargets().size() == 1);
    String targetId = proxy.state().smap().activeTargets().getFirst().id();

    try (JaisClient client = JaisClient.create(proxy.url())) {
      Bucket bucket = Bucket.ais("restart");
      client.buckets().create(bucket);
      client.objects().put(bucket, "o", "x".getBytes());
      String finished = client.jobs().start("lru", null);
      client.jobs().await(finished, WAIT);
      // a demand job: idle after its work, it stays running (a minute) -- the target dies meanwhile
      String running = client.buckets().copyObjects(bucket, new CopyObjectsMsg(bucket, null, List.of("o"), "copy-",
          "", null, false, false, false, false, 0, false, false));
      client.jobs().await(running, WAIT);
      assertThat(client.jobs().snapshots(JobArgs.ofId(running)).get(targetId).getFirst().finished()).isFalse();

      target.destroyForcibly().waitFor();
      target = startTargetProcess(config);
      Await.until("target answers again", WAIT, () -> answers(client, finished));

      JobSnapshot cut = client.jobs().snapshots(JobArgs.ofId(running)).get(targetId).getFirst();
      assertThat(cut.aborted()).isTrue();
      assertThat(cut.abortError()).isEqualTo("node restarted");
      assertThat(cut.finished()).isTrue();
      assertThat(client.jobs().running(new io.jais.api.job.JobQuery("", "", true))).isEmpty();
      var before = client.jobs().status(finished);
      assertThat(before.finished()).isTrue();
      assertThat(before.aborted()).isFalse();
    }
  }

  private static boolean answers(JaisClient client, String id) {
    try {
      client.jobs().status(id);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Path writeTargetConfig() throws IOException {
    Path home = dir.resolve("target");
    LocalConfig config = new LocalConfig(NodeRole.TARGET, "", "127.0.0.1", "", freePort(),
        home.resolve("meta").toString(), List.of(home.resolve("mp1").toString(), home.resolve("mp2").toString()),
        proxy.url());
    Files.createDirectories(home.resolve("mp1"));
    Files.createDirectories(home.resolve("mp2"));
    Path file = home.resolve("target.json");
    Files.write(file, WireJson.toBytes(config));
    return file;
  }

  private static Process startTargetProcess(Path config) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
        "io.jais.node.launch.JaisMain", "node", "--config", config.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(config.resolveSibling("target.log").toFile())).start();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
