package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a user runs it: {@code ./jais playground} in its own process
 * prints the endpoint once the cluster is up, stops cleanly on SIGTERM, and comes back on the same
 * directory with its buckets and objects.
 */
class PlaygroundProcessIT {
  @TempDir Path dir;
  private Process playground;

  @AfterEach
  void stop() throws InterruptedException {
    if (playground != null) {
      playground.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void playground_startStopRestart_keepsData() throws Exception {
    int port = freeBasePort();
    String endpoint = start(port);
    assertThat(endpoint).isEqualTo("http://127.0.0.1:" + port);
    assertThat(RawHttp.send("POST", endpoint + "/v1/buckets/kept?provider=ais",
        RawHttp.json("{\"action\":\"create-bck\"}")).statusCode()).isEqualTo(200);
    assertThat(RawHttp.send("PUT", endpoint + "/v1/objects/kept/hello.txt?provider=ais",
        "hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

    playground.destroy(); // SIGTERM, as Ctrl-C or a service manager would
    assertThat(playground.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();

    start(port);
    assertThat(RawHttp.text(RawHttp.send("GET", endpoint + "/v1/objects/kept/hello.txt?provider=ais", null)))
        .isEqualTo("hello");
  }

  /** Starts {@code ./jais playground} and returns the endpoint it announces. */
  private String start(int port) throws Exception {
    Path repo = Path.of("").toAbsolutePath().getParent();
    ProcessBuilder builder = new ProcessBuilder(repo.resolve("jais").toString(), "playground", "--port",
        Integer.toString(port), "--targets", "2", "--dir", dir.toString()).redirectErrorStream(true);
    playground = builder.start();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    String[] endpoint = new String[1];
    Thread.ofVirtual().start(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(playground.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.add(line);
          int at = line.indexOf("AIS_ENDPOINT=");
          if (at >= 0) {
            endpoint[0] = line.substring(at + "AIS_ENDPOINT=".length()).split("\\s")[0];
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    Await.until("the playground to announce its endpoint; output so far: " + output, Duration.ofSeconds(60),
        () -> endpoint[0] != null || !playground.isAlive());
    assertThat(endpoint[0]).as(String.join("\n", output)).isNotNull();
    return endpoint[0];
  }

  /**
   * A port P with P, P+100 and P+101 free (the playground's proxy and two targets) and the same
   * 1000 above (their control ports).
   */
  private static int freeBasePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base;
      try (ServerSocket socket = new ServerSocket(0)) {
        base = socket.getLocalPort();
      }
      if (base + 1101 < 65536 && free(base + 100) && free(base + 101) && free(base + 1000) && free(base + 1100)
          && free(base + 1101)) {
        return base;
      }
    }
    throw new IllegalStateException("no free port range found");
  }

  private static boolean free(int port) {
    try (ServerSocket ignored = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
