package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.Await;
import io.jais.node.http.LeakWatch;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.PutOptions;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that die, stall or never answer: every send ends in a failed future naming the peer and
 * the object, within the connect or I/O timeout, and a peer that comes back is reached again.
 */
class FailureTest {
  private static final Bucket BUCKET = Bucket.ais("b");
  /** Short, so the tests about them finish soon; the tests never measure them. */
  private static final StreamOptions QUICK = StreamOptions.DEFAULT.withConnectionsPerPeer(1)
      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));

  @TempDir Path dir;

  @BeforeAll
  static void leakDetection() {
    LeakWatch.install();
  }

  @AfterAll
  static void noLeaks() {
    LeakWatch.assertNoLeaks();
  }

  private Path sparseFile(String name, long size) throws IOException {
    Path file = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    return file;
  }

  private static JaisException failure(CompletableFuture<Ack> future) {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> future.get(30, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(JaisException.class);
    return (JaisException) e.getCause();
  }

  @Test
  void peerClosedMidTransfer_everyObjectFailsNamingPeerAndObject_thenAComebackIsReconnected() throws Exception {
    Path file = sparseFile("big", 64 << 20);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> handlerSaw = new AtomicReference<>();
    StreamPair pair = StreamPair.start(StreamOptions.DEFAULT.withConnectionsPerPeer(1));
    try {
      pair.receiver.register("stall", in -> {
        ByteBuf first = in.body().next();
        first.release();
        entered.countDown();
        release.await();
        try {
          StreamPair.readAll(in.body());
        } catch (IOException e) {
          handlerSaw.set(e);
        }
      });
      List<CompletableFuture<Ack>> acks = new CopyOnWriteArrayList<>();
      Thread sender = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < 3; i++) {
            acks.add(pair.sender.send(pair.peer, ObjectHeader.of("stall", BUCKET, "o" + i), Body.ofFile(file)));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
      Await.until("sender parked", () -> sender.getState() == Thread.State.WAITING);
      int port = pair.receiver.port();

      pair.receiver.close(); // the peer goes away mid-object, with more objects waiting to be sent

      sender.join();
      assertThat(acks).hasSize(3);
      for (int i = 0; i < 3; i++) {
        JaisException e = failure(acks.get(i));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("t[receiver] at 127.0.0.1:" + port, "ais://b/o" + i);
      }
      release.countDown();
      Await.until("the handler saw its body cut short", () -> handlerSaw.get() != null);
      assertThat(handlerSaw.get()).hasMessageContaining("truncated");

      try (ObjectStreams back = ObjectStreams.start("127.0.0.1", port, "receiver", StreamPair.SECRET,
          StreamOptions.DEFAULT)) {
        back.register("stall", in -> StreamPair.readAll(in.body()));
        Ack ack = pair.sender.send(pair.peer, ObjectHeader.of("stall", BUCKET, "again"), Body.of(new byte[1000]))
            .get(30, TimeUnit.SECONDS);
        assertThat(ack).isEqualTo(Ack.OK);
        assertThat(pair.sender.stats().connects()).isEqualTo(2);
      }
    } finally {
      release.countDown();
      pair.close();
    }
  }

  @Test
  void peerStopsReading_theSendFailsAfterTheIoTimeout() throws Exception {
    Path file = sparseFile("big", 64 << 20);
    CountDownLatch release = new CountDownLatch(1);
    try (StreamPair pair = StreamPair.start(QUICK)) {
      pair.receiver.register("never-reads", in -> release.await());

      CompletableFuture<Ack> ack = pair.sender.send(pair.peer, ObjectHeader.of("never-reads", BUCKET, "stuck"),
          Body.ofFile(file));

      JaisException e = failure(ack);
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("t[receiver]", "ais://b/stuck", "nothing moved for 1000 ms");
      assertThat(pair.sender.stats().transfersFailed()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void ackNeverComes_thatObjectFailsAloneAndTheConnectionCarriesOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (StreamPair pair = StreamPair.start(QUICK)) {
      pair.receiver.register("hang", in -> {
        StreamPair.readAll(in.body());
        release.await();
      });
      pair.receiver.register("fine", in -> StreamPair.readAll(in.body()));

      CompletableFuture<Ack> hung = pair.sender.send(pair.peer, ObjectHeader.of("hang", BUCKET, "hung"),
          Body.of(new byte[100]));
      // other objects keep the connection busy, so only the missing ack can fail the first one
      int fine = 0;
      while (!hung.isDone()) {
        assertThat(pair.sender.send(pair.peer, ObjectHeader.of("fine", BUCKET, "f" + fine++), Body.of(new byte[10]))
            .get(30, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
        Thread.sleep(20);
      }

      assertThat(failure(hung).getMessage()).contains("ais://b/hung", "no ack within 1000 ms");
      release.countDown();
      for (int i = 0; i < 2 * QUICK.maxInFlight(); i++) {
        assertThat(pair.sender.send(pair.peer, ObjectHeader.of("fine", BUCKET, "late" + i), Body.of(new byte[10]))
            .get(30, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
      }
      assertThat(pair.sender.stats().connects()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void nobodyListens_theSendFailsNamingPeerAndObject() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (ObjectStreams sender = ObjectStreams.start("127.0.0.1", 0, "sender", StreamPair.SECRET, QUICK)) {
      JaisException e = failure(sender.send(new Peer("gone", "127.0.0.1", port), ObjectHeader.of("x", BUCKET, "o"),
          Body.of(new byte[10])));

      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("t[gone] at 127.0.0.1:" + port, "ais://b/o", "cannot connect");
      assertThat(sender.stats().connectFailures()).isEqualTo(1);
    }
  }

  @Test
  void peerAcceptsButNeverSpeaks_theSendFailsAfterTheConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0);
        ObjectStreams sender = ObjectStreams.start("127.0.0.1", 0, "sender", StreamPair.SECRET, QUICK)) {
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try (Socket ignored = silent.accept()) {
          Thread.sleep(60_000);
        } catch (IOException | InterruptedException e) {
          // the test is over
        }
      });
      try {
        JaisException e = failure(sender.send(new Peer("mute", "127.0.0.1", silent.getLocalPort()),
            ObjectHeader.of("x", BUCKET, "o"), Body.of(new byte[10])));

        assertThat(e.getMessage()).contains("t[mute]", "ais://b/o", "no handshake within 2000 ms");
      } finally {
        acceptor.interrupt();
      }
    }
  }

  @Test
  void truncatedObject_theHandlerSeesAFailingBodyAndTheStoreKeepsNothing() throws Exception {
    AtomicReference<Throwable> putFailed = new AtomicReference<>();
    try (ObjectStore store = ObjectStore.open(List.of(dir.resolve("mp1"), dir.resolve("mp2")));
        ObjectStreams receiver = ObjectStreams.start("127.0.0.1", 0, "receiver", StreamPair.SECRET, QUICK)) {
      receiver.register("put", in -> {
        try {
          store.put(in.header().bucket(), in.header().objectName(), in.body(), PutOptions.DEFAULT);
        } catch (IOException e) {
          putFailed.set(e);
          throw e;
        }
      });
      try (RawStreamClient raw = RawStreamClient.authenticated(receiver.port(), "sender", "receiver",
          StreamPair.SECRET)) {
        byte[] header = RawStreamClient.header(ObjectHeader.of("put", BUCKET, "cut"));
        raw.objectFrame(1, 0, 10 << 20, header.length, header);
        raw.out.write(new byte[3 << 20]);
        raw.out.flush();
        Await.until("a work file exists", () -> !workFiles().isEmpty());
      } // the sender dies after 3 of 10 MiB

      Await.until("the put failed", () -> putFailed.get() != null);
      assertThat(putFailed.get()).hasMessageContaining("truncated").hasMessageContaining("ais://b/cut");
      Await.until("the work file is gone", () -> workFiles().isEmpty());
      assertThat(store.head(BUCKET, "cut")).isEmpty();
    }
  }

  private List<Path> workFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().contains("/%wk/") && Files.isRegularFile(p)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void closedSender_refusesAndReleasesTheBody() throws Exception {
    ObjectStreams sender = ObjectStreams.start("127.0.0.1", 0, "sender", StreamPair.SECRET, QUICK);
    sender.close();
    ByteBuf body = io.netty.buffer.Unpooled.directBuffer(10).writeZero(10);

    CompletableFuture<Ack> ack = sender.send(new Peer("p", "127.0.0.1", 1), ObjectHeader.of("x", BUCKET, "o"),
        Body.of(body));

    assertThatThrownBy(() -> ack.get(10, TimeUnit.SECONDS)).hasMessageContaining("closed");
    assertThat(body.refCnt()).isZero();
  }
}
