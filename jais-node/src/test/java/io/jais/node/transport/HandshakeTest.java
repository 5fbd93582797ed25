package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.Await;
import io.jais.node.http.LeakWatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Only nodes holding the cluster secret exchange objects: every other connection is closed in the
 * handshake, before any object, with one log line on the accepting side.
 */
class HandshakeTest {
  private static final StreamOptions OPTIONS = StreamOptions.DEFAULT.withTimeouts(Duration.ofSeconds(2),
      Duration.ofSeconds(30));
  private static final byte[] OTHER_SECRET = "another-cluster".getBytes(StandardCharsets.UTF_8);

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final AtomicInteger handled = new AtomicInteger();
  private ObjectStreams receiver;

  @BeforeAll
  static void leakDetection() {
    LeakWatch.install();
  }

  @AfterAll
  static void noLeaks() {
    LeakWatch.assertNoLeaks();
  }

  @BeforeEach
  void start() throws Exception {
    logs.start();
    ((Logger) LoggerFactory.getLogger(ServerHandshake.class)).addAppender(logs);
    receiver = ObjectStreams.start("127.0.0.1", 0, "receiver", StreamPair.SECRET, OPTIONS);
    receiver.register("count", in -> {
      StreamPair.readAll(in.body());
      handled.incrementAndGet();
    });
  }

  @AfterEach
  void stop() {
    receiver.close();
    ((Logger) LoggerFactory.getLogger(ServerHandshake.class)).detachAppender(logs);
  }

  private Peer peer() {
    return new Peer("receiver", "127.0.0.1", receiver.port());
  }

  private static JaisException failure(CompletableFuture<Ack> future) {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> future.get(30, TimeUnit.SECONDS));
    return (JaisException) e.getCause();
  }

  private List<String> warnings() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private CompletableFuture<Ack> sendFrom(ObjectStreams sender, Peer to) throws InterruptedException {
    return sender.send(to, ObjectHeader.of("count", Bucket.ais("b"), "o"), Body.of(new byte[100]));
  }

  @Test
  void rightSecret_objectsFlow() throws Exception {
    try (ObjectStreams sender = ObjectStreams.start("127.0.0.1", 0, "sender", StreamPair.SECRET, OPTIONS)) {
      assertThat(sendFrom(sender, peer()).get(30, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
    }
    assertThat(handled).hasValue(1);
    assertThat(receiver.stats().connectionsAccepted()).isEqualTo(1);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void wrongSecret_refusedBeforeAnyObjectWithOneLogLine() throws Exception {
    try (ObjectStreams stranger = ObjectStreams.start("127.0.0.1", 0, "stranger", OTHER_SECRET, OPTIONS)) {
      JaisException e = failure(sendFrom(stranger, peer()));

      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("t[receiver]", "ais://b/o", "handshake", "closed the connection");
    }
    Await.until("refusal logged", () -> !logs.list.isEmpty());
    assertThat(warnings()).singleElement().asString()
        .contains("refused", "wrong cluster secret", "t[stranger]");
    assertThat(receiver.stats().connectionsRefused()).isEqualTo(1);
    assertThat(receiver.stats().objectsReceived()).isZero();
    assertThat(handled).hasValue(0);
  }

  @Test
  void clockTooFarOff_refused() throws Exception {
    InstantSource ahead = InstantSource.offset(InstantSource.system(), Duration.ofMinutes(10));
    try (ObjectStreams skewed = ObjectStreams.start("127.0.0.1", 0, "skewed", StreamPair.SECRET,
        OPTIONS.withClock(ahead, Duration.ofMinutes(5)))) {
      failure(sendFrom(skewed, peer()));
    }
    Await.until("refusal logged", () -> !logs.list.isEmpty());
    assertThat(warnings()).singleElement().asString().contains("timestamp", "off", "t[skewed]");
    assertThat(handled).hasValue(0);
  }

  @Test
  void anotherNodeAtTheAddress_theSenderGivesUp() throws Exception {
    try (ObjectStreams sender = ObjectStreams.start("127.0.0.1", 0, "sender", StreamPair.SECRET, OPTIONS)) {
      JaisException e = failure(sendFrom(sender, new Peer("expected", "127.0.0.1", receiver.port())));

      assertThat(e.getMessage()).contains("t[expected]", "reached t[receiver] instead");
    }
    assertThat(handled).hasValue(0);
  }

  @Test
  void notAStreamClient_closedWithOneLogLine() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(in.readLong()).as("HELLO first").isEqualTo(Wire.MAGIC);
      in.readNBytes(1 + 2 + 4 + Wire.NONCE_BYTES);
      in.readNBytes(in.readUnsignedByte());
      assertThat(in.read()).as("then the close").isEqualTo(-1);
    }
    Await.until("refusal logged", () -> !logs.list.isEmpty());
    assertThat(warnings()).singleElement().asString().contains("not a JAIS stream client");
    assertThat(receiver.stats().connectionsRefused()).isEqualTo(1);
  }

  @Test
  void silentClient_closedAfterTheConnectTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
      socket.setSoTimeout(30_000);
      byte[] all = socket.getInputStream().readAllBytes(); // HELLO, then the close

      assertThat(all.length).isGreaterThan(8 + 1 + 2 + 4 + Wire.NONCE_BYTES);
    }
    Await.until("refusal logged", () -> !logs.list.isEmpty());
    assertThat(warnings()).singleElement().asString().contains("no handshake within 2000 ms");
  }

  @Test
  void acceptorWithoutTheSecret_theSenderRefusesToSend() throws Exception {
    try (ServerSocket fake = new ServerSocket(0);
        ObjectStreams sender = ObjectStreams.start("127.0.0.1", 0, "sender", StreamPair.SECRET, OPTIONS)) {
      Thread impostor = Thread.ofVirtual().start(() -> {
        try (Socket socket = fake.accept()) {
          DataOutputStream out = new DataOutputStream(socket.getOutputStream());
          out.writeLong(Wire.MAGIC);
          out.writeByte(Wire.VERSION);
          out.writeShort(4);
          out.writeInt(64 * 1024);
          out.write(HandshakeMac.nonce());
          out.writeByte("victim".length());
          out.write("victim".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          DataInputStream in = new DataInputStream(socket.getInputStream());
          in.readNBytes(8 + 1 + Wire.NONCE_BYTES + 8);
          in.readNBytes(in.readUnsignedByte());
          in.readNBytes(in.readUnsignedByte());
          in.readNBytes(Wire.MAC_BYTES);
          out.write(HandshakeMac.nonce()); // a proof it cannot make: random bytes
          out.flush();
          in.readAllBytes();
        } catch (Exception e) {
          // the sender hung up
        }
      });

      JaisException e = failure(sendFrom(sender, new Peer("victim", "127.0.0.1", fake.getLocalPort())));

      assertThat(e.getMessage()).contains("t[victim]", "could not prove the cluster secret");
      impostor.join(30_000);
    }
  }

  @Test
  void proofsDependOnEveryInput() {
    HandshakeMac mac = new HandshakeMac(StreamPair.SECRET);
    byte[] a = HandshakeMac.nonce();
    byte[] b = HandshakeMac.nonce();
    long now = Instant.now().toEpochMilli();
    byte[] proof = mac.initiatorProof(a, b, "x", "y", now);

    assertThat(HandshakeMac.matches(proof, mac.initiatorProof(a, b, "x", "y", now))).isTrue();
    assertThat(HandshakeMac.matches(proof, mac.initiatorProof(b, a, "x", "y", now))).isFalse();
    assertThat(HandshakeMac.matches(proof, mac.initiatorProof(a, b, "y", "x", now))).isFalse();
    assertThat(HandshakeMac.matches(proof, mac.initiatorProof(a, b, "x", "y", now + 1))).isFalse();
    assertThat(HandshakeMac.matches(proof, mac.acceptorProof(a, b, "x", "y", now))).as("roles differ").isFalse();
    assertThat(HandshakeMac.matches(proof, new HandshakeMac(OTHER_SECRET).initiatorProof(a, b, "x", "y", now)))
        .isFalse();
  }
}
