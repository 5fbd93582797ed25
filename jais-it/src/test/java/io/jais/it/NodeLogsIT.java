package io.jais.it;

import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.sendNoRedirect;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Node logs through the API ({@code what=log}, directly and through the proxy with {@code Ais-Node-Id})
 * while three nodes share the JVM: each node's files hold its own events only.
 */
@JaisCluster(proxies = 1, targets = 2)
class NodeLogsIT {
  private final LocalCluster cluster;

  NodeLogsIT(LocalCluster cluster) {
    this.cluster = cluster;
  }

  private HttpResponse<byte[]> log(Node node, String query) throws Exception {
    return send("GET", cluster.endpoint() + "/v1/reverse/daemon?what=log" + query, null, "Ais-Node-Id",
        node.snode().id());
  }

  private static Path logDir(Node node) {
    return Path.of(node.config().logDir());
  }

  @Test
  void everyNode_hasAnInfoLogStartingWithWhoWroteIt() throws Exception {
    for (Node node : cluster.nodes()) {
      HttpResponse<byte[]> info = log(node, "&severity=info");

      assertThat(info.statusCode()).as(text(info)).isEqualTo(200);
      assertThat(info.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
      assertThat(text(info)).contains("Started up at").contains(node.snode().displayName() + " (")
          .contains("listening on");
      for (Node other : cluster.nodes()) {
        if (other != node) { // another node's start-up line, or its server's
          assertThat(text(info)).doesNotContain(other.snode().displayName() + " (")
              .doesNotContain(other.snode().displayName() + " listening on");
        }
      }
      assertThat(log(node, "&severity=warning").statusCode()).isEqualTo(200);
      assertThat(log(node, "&severity=error").statusCode()).isEqualTo(200);
      assertThat(logDir(node).resolve("jais.INFO")).exists();
    }
  }

  @Test
  void directly_andFromAnOffset() throws Exception {
    Node target = cluster.targets().getFirst();
    HttpResponse<byte[]> whole = send("GET", target.url() + "/v1/daemon?what=log", null);
    assertThat(whole.statusCode()).isEqualTo(200);
    int size = whole.body().length;

    HttpResponse<byte[]> tail = send("GET", target.url() + "/v1/daemon?what=log&offset=" + (size - 10), null);

    assertThat(tail.statusCode()).isEqualTo(200);
    assertThat(new String(tail.body(), 0, 10, StandardCharsets.UTF_8))
        .isEqualTo(new String(whole.body(), size - 10, 10, StandardCharsets.UTF_8));
    HttpResponse<byte[]> past = send("GET", target.url() + "/v1/daemon?what=log&offset=" + (1L << 40), null);
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(text(past)).contains("rotated");
  }

  @Test
  void badSeverity_is400_unknownNode_is404() throws Exception {
    Node target = cluster.targets().getFirst();
    HttpResponse<byte[]> bad = log(target, "&severity=debug");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(text(bad)).contains("unknown log severity");

    HttpResponse<byte[]> nobody = send("GET", cluster.endpoint() + "/v1/reverse/daemon?what=log", null,
        "Ais-Node-Id", "tNOBODY");
    assertThat(nobody.statusCode()).isEqualTo(404);
  }

  @Test
  void all_isATarGzOfTheSeveritysFiles() throws Exception {
    Node target = cluster.targets().getLast();
    HttpResponse<byte[]> archive = log(target, "&severity=info&all=true");

    assertThat(archive.statusCode()).isEqualTo(200);
    assertThat(archive.headers().firstValue("Content-Type")).contains("application/gzip");
    List<String> names = new ArrayList<>();
    String first = null;
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(archive.body())))) {
      byte[] header = new byte[512];
      for (in.readFully(header); header[0] != 0; in.readFully(header)) {
        String name = new String(header, 0, 100, StandardCharsets.US_ASCII).trim().replace("\0", "");
        int size = Integer.parseInt(new String(header, 124, 11, StandardCharsets.US_ASCII), 8);
        byte[] data = new byte[size];
        in.readFully(data);
        in.readFully(new byte[(512 - size % 512) % 512]);
        names.add(name);
        if (first == null) {
          first = new String(data, StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(names).first().isEqualTo("jais.INFO");
    assertThat(names).allMatch(n -> n.startsWith("jais.INFO"));
    assertThat(first).contains("Started up at", target.snode().displayName());
  }

  @Test
  void aWarningOnARequestThread_landsInThatTargetsFilesOnly(JaisClient client) throws Exception {
    client.buckets().create(Bucket.ais("logs-cut"));
    HttpResponse<byte[]> redirect = sendNoRedirect("PUT", cluster.endpoint() + "/v1/objects/logs-cut/cut?provider=ais",
        new byte[0]);
    assertThat(redirect.statusCode()).isEqualTo(307);
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    Node owner = cluster.targets().stream().filter(t -> t.url().endsWith(":" + location.getPort())).findFirst()
        .orElseThrow();

    // a body cut short: the target's handler fails reading it and logs a warning on its own thread
    try (Socket socket = new Socket(location.getHost(), location.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT " + location.getRawPath() + "?" + location.getRawQuery() + " HTTP/1.1\r\nHost: x\r\n"
          + "Content-Length: 100000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    Path warnings = logDir(owner).resolve("jais.WARNING");
    Await.until("the truncated PUT in " + warnings, Duration.ofSeconds(20),
        () -> contains(warnings, "/v1/objects/logs-cut/cut"));
    assertThat(contains(logDir(owner).resolve("jais.INFO"), "/v1/objects/logs-cut/cut")).isTrue();
    assertThat(contains(logDir(owner).resolve("jais.ERROR"), "/v1/objects/logs-cut/cut")).isFalse();
    for (Node other : cluster.nodes()) {
      if (other != owner) {
        assertThat(contains(logDir(other).resolve("jais.INFO"), "/v1/objects/logs-cut/cut")).as(other.toString())
            .isFalse();
      }
    }
    HttpResponse<byte[]> viaApi = log(owner, "&severity=warning");
    assertThat(text(viaApi)).contains("/v1/objects/logs-cut/cut");
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
