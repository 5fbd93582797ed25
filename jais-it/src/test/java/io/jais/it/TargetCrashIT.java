package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.cluster.NodeRole;
import io.jais.api.config.LocalConfig;
import io.jais.api.json.WireJson;
import io.jais.node.Node;
import io.jais.testkit.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target in its own JVM is killed with SIGKILL in the middle of a PUT and restarted on the same
 * data: every PUT acknowledged before the kill is readable, the interrupted object is not
 * visible, and no work file is left behind.
 */
class TargetCrashIT {
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
  void killDuringPut_thenRestart_keepsAcknowledgedWritesAndNoPartials() throws Exception {
    proxy = Node.start(new LocalConfig(NodeRole.PROXY, "", "127.0.0.1", "", 0, dir.resolve("proxy").toString(),
        List.of(), "", 0, 0, secretFile().toString()));
    Path config = writeTargetConfig();
    target = startTargetProcess(config);
    awaitTargets(1);
    String endpoint = proxy.url();
    assertThat(RawHttp.send("POST", endpoint + "/v1/buckets/crash?provider=ais",
        RawHttp.json("{\"action\":\"create-bck\"}")).statusCode()).isEqualTo(200);

    Map<String, byte[]> acknowledged = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 40; i++) {
      byte[] data = new byte[random.nextInt(1, 200_000)];
      random.nextBytes(data);
      HttpResponse<byte[]> put = RawHttp.send("PUT", endpoint + "/v1/objects/crash/obj-" + i + "?provider=ais", data);
      assertThat(put.statusCode()).isEqualTo(200);
      acknowledged.put("obj-" + i, data);
    }
    // overwrite one object, then leave a second overwrite of it half-sent when the target dies
    byte[] v2 = "second version".getBytes(StandardCharsets.UTF_8);
    RawHttp.send("PUT", endpoint + "/v1/objects/crash/obj-0?provider=ais", v2);
    acknowledged.put("obj-0", v2);

    try (Socket partial = startPartialPut(endpoint, "obj-0", 50_000_000);
        Socket fresh = startPartialPut(endpoint, "never-finished", 50_000_000)) {
      target.destroyForcibly().waitFor();
    }
    assertThat(workfiles()).as("work files exist while the PUTs were in flight").isNotEmpty();

    target = startTargetProcess(config);
    Await.until("target back in the cluster", Duration.ofSeconds(30), () -> targetAnswers(endpoint));
    for (Map.Entry<String, byte[]> e : acknowledged.entrySet()) {
      HttpResponse<byte[]> get = RawHttp.send("GET", endpoint + "/v1/objects/crash/" + e.getKey() + "?provider=ais", null);
      assertThat(get.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(get.body()).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(RawHttp.send("GET", endpoint + "/v1/objects/crash/never-finished?provider=ais", null).statusCode())
        .isEqualTo(404);
    assertThat(workfiles()).as("work files after restart").isEmpty();
  }

  private Path writeTargetConfig() throws IOException {
    Path home = dir.resolve("target");
    LocalConfig config = new LocalConfig(NodeRole.TARGET, "", "127.0.0.1", "", freePort(),
        home.resolve("meta").toString(), List.of(home.resolve("mp1").toString(), home.resolve("mp2").toString()),
        proxy.url(), 0, 0, secretFile().toString());
    Files.createDirectories(home.resolve("mp1"));
    Files.createDirectories(home.resolve("mp2"));
    Path file = home.resolve("target.json");
    Files.write(file, WireJson.toBytes(config));
    return file;
  }

  /** The cluster's secret, shared by the in-process proxy and the target process. */
  private Path secretFile() {
    return dir.resolve("cluster.secret");
  }

  private static Process startTargetProcess(Path config) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
        "io.jais.node.launch.JaisMain", "node", "--config", config.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(config.resolveSibling("target.log").toFile()).start();
  }

  private void awaitTargets(int n) throws InterruptedException {
    Await.until(n + " target(s) joined", Duration.ofSeconds(30), () -> proxy.state().smap().targets().size() == n);
  }

  private boolean targetAnswers(String endpoint) {
    try {
      return RawHttp.send("HEAD", endpoint + "/v1/objects/crash/obj-1?provider=ais", null).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Sends the headers and the first MiB of a big PUT straight to the owning target, then stalls. */
  private Socket startPartialPut(String endpoint, String name, long declared) throws Exception {
    HttpResponse<byte[]> redirect = RawHttp.sendNoRedirect("PUT", endpoint + "/v1/objects/crash/" + name + "?provider=ais",
        new byte[0]);
    java.net.URI location = java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
    Socket socket = new Socket(location.getHost(), location.getPort());
    OutputStream out = socket.getOutputStream();
    out.write(("PUT " + location.getRawPath() + "?" + location.getRawQuery() + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[1 << 20]);
    out.flush();
    Await.until("work file of " + name, Duration.ofSeconds(10), () -> !workfiles().isEmpty());
    return socket;
  }

  private List<Path> workfiles() {
    try (Stream<Path> files = Files.walk(dir.resolve("target"))) {
      return files.filter(p -> p.toString().contains("/%wk/") && Files.isRegularFile(p)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
