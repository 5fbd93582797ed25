package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Snode;
import io.jais.api.config.LocalConfig;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.Node;
import io.jais.node.target.StreamedPutReceiver;
import io.jais.node.transport.Ack;
import io.jais.node.transport.Body;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.Peer;
import io.jais.testkit.Await;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiving target in its own JVM is killed with SIGKILL while another target streams objects
 * to it: every send ends (an ack or a failure naming the peer and the object, none hangs), and
 * once the target is back on the same data port, the sender's next object reaches it.
 */
class StreamPeerCrashIT {
  private static final int OBJECTS = 40;
  private static final int OBJECT_SIZE = 8 << 20;

  @TempDir Path dir;
  private Node proxy;
  private Node sender;
  private Process receiver;

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.destroyForcibly().waitFor();
    }
    if (sender != null) {
      sender.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void receiverKilledMidTransfer_everySendEnds_thenTheRestartedReceiverIsReached() throws Exception {
    String secret = dir.resolve("cluster.secret").toString(); // shared by the in-process nodes and the process
    proxy = Node.start(new LocalConfig(NodeRole.PROXY, "", "127.0.0.1", "", 0, dir.resolve("proxy").toString(),
        List.of(), "", 0, 0, secret, ""));
    Path config = writeReceiverConfig();
    receiver = startProcess(config);
    sender = Node.start(new LocalConfig(NodeRole.TARGET, "", "127.0.0.1", "", 0, dir.resolve("sender/meta").toString(),
        List.of(Files.createDirectories(dir.resolve("sender/mp1")).toString()), proxy.url(), 0, 0, secret, ""));
    Await.until("both targets joined", Duration.ofSeconds(30), () -> proxy.state().smap().targets().size() == 2
        && sender.state().smap().targets().size() == 2);
    assertThat(RawHttp.send("POST", proxy.url() + "/v1/buckets/crash?provider=ais",
        RawHttp.json("{\"action\":\"create-bck\"}")).statusCode()).isEqualTo(200);
    Await.until("the sender knows the bucket", Duration.ofSeconds(30),
        () -> sender.state().bmd().contains(Bucket.ais("crash")));
    Peer peer = Peer.of(receiverSnode());
    Path file = dir.resolve("object");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(OBJECT_SIZE);
    }

    List<CompletableFuture<Ack>> acks = new CopyOnWriteArrayList<>();
    Thread sending = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < OBJECTS; i++) {
          acks.add(sender.streams().send(peer, ObjectHeader.of(StreamedPutReceiver.TRNAME, Bucket.ais("crash"),
              "o" + i), Body.ofFile(file)));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Await.until("the first object stored", Duration.ofSeconds(60), () -> !acks.isEmpty() && acks.getFirst().isDone());
    receiver.destroyForcibly().waitFor();

    sending.join(60_000);
    assertThat(acks).hasSize(OBJECTS);
    int failed = 0;
    for (int i = 0; i < OBJECTS; i++) {
      try {
        assertThat(acks.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
      } catch (ExecutionException e) {
        failed++;
        assertThat(e.getCause()).isInstanceOf(JaisException.class);
        assertThat(((JaisException) e.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getCause().getMessage()).contains(peer.toString(), "ais://crash/o" + i);
      }
    }
    assertThat(failed).as("objects not stored when the receiver died").isPositive();

    receiver = startProcess(config);
    Await.until("the receiver answers again", Duration.ofSeconds(60), this::receiverAnswers);
    Peer back = Peer.of(receiverSnode());
    assertThat(back).as("the same data port").isEqualTo(peer);
    Ack ack = sender.streams().send(back, ObjectHeader.of(StreamedPutReceiver.TRNAME, Bucket.ais("crash"), "after"),
        Body.of("after the crash".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).get(60, TimeUnit.SECONDS);
    assertThat(ack).isEqualTo(Ack.OK);
    String direct = receiverSnode().url() + "/v1/objects/crash/after?provider=ais&jais-local=true";
    assertThat(new String(RawHttp.send("GET", direct, null).body(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("after the crash");
  }

  private Snode receiverSnode() {
    return proxy.state().smap().targets().values().stream()
        .filter(t -> !t.id().equals(sender.snode().id())).findFirst().orElseThrow();
  }

  private boolean receiverAnswers() {
    try {
      return RawHttp.send("GET", receiverSnode().url() + "/v1/health", null).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private Path writeReceiverConfig() throws IOException {
    Path home = dir.resolve("receiver");
    LocalConfig config = new LocalConfig(NodeRole.TARGET, "", "127.0.0.1", "", freePort(),
        home.resolve("meta").toString(), List.of(home.resolve("mp1").toString()), proxy.url(), 0, freePort(),
        dir.resolve("cluster.secret").toString(), "");
    Files.createDirectories(home.resolve("mp1"));
    Path file = home.resolve("target.json");
    Files.write(file, WireJson.toBytes(config));
    return file;
  }

  private static Process startProcess(Path config) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
        "io.jais.node.launch.JaisMain", "node", "--config", config.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(config.resolveSibling("target.log").toFile())).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
