package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.node.http.Await;
import io.jais.node.http.LeakWatch;
import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver whose handler takes its time: the sender is held back through TCP instead of either
 * side queueing the objects in memory. Asserted with counters and thread states, never timings.
 */
class BackPressureTest {
  private static final int HIGH_WATER = 256 * 1024;
  private static final StreamOptions OPTIONS = StreamOptions.DEFAULT.withConnectionsPerPeer(1)
      .withReceiveWaterMarks(HIGH_WATER, 64 * 1024).withSendWaterMarks(HIGH_WATER, 64 * 1024);
  /** More than the kernel's socket buffers on both ends can grow to together (here 32 + 4 MiB). */
  private static final int OBJECT_SIZE = 64 << 20;
  private static final int OBJECTS = 6;

  @TempDir Path dir;

  @BeforeAll
  static void leakDetection() {
    LeakWatch.install();
  }

  @AfterAll
  static void noLeaks() {
    LeakWatch.assertNoLeaks();
  }

  @Test
  void slowHandler_sendersParkAndTheReceiverQueuesAtMostItsHighWaterMarkPlusOneRead() throws Exception {
    Path file = dir.resolve("object");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(OBJECT_SIZE); // the content does not matter here
    }
    Semaphore consume = new Semaphore(0); // one permit: the handler may take one more buffer
    AtomicLong consumed = new AtomicLong();
    List<String> complete = new CopyOnWriteArrayList<>();
    try (StreamPair pair = StreamPair.start(OPTIONS)) {
      pair.receiver.register("slow", in -> {
        long bytes = 0;
        for (ByteBuf chunk; ; ) {
          consume.acquire();
          if ((chunk = in.body().next()) == null) {
            break;
          }
          bytes += chunk.readableBytes();
          consumed.addAndGet(chunk.readableBytes());
          chunk.release();
        }
        if (bytes == OBJECT_SIZE) {
          complete.add(in.header().objectName());
        }
      });
      List<CompletableFuture<Ack>> acks = new CopyOnWriteArrayList<>();
      AtomicReference<Throwable> senderFailure = new AtomicReference<>();
      Thread sender = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < OBJECTS; i++) {
            acks.add(pair.sender.send(pair.peer, ObjectHeader.of("slow", Bucket.ais("b"), "o" + i), Body.ofFile(file)));
          }
        } catch (Throwable t) {
          senderFailure.set(t);
        }
      });

      // nothing is consumed: the receiver stops reading, TCP fills up, the sender parks
      Await.until("sender parked behind a full connection", () -> sender.getState() == Thread.State.WAITING
          && pair.receiver.stats().receivePauses() > 0 && pair.sender.stats().sendWaits() > 0);
      assertThat(acks).as("objects handed to the connection while nothing was consumed").hasSize(1);
      assertThat(consumed.get()).isZero();
      long bound = HIGH_WATER + StreamServer.MAX_READ;
      assertThat(pair.receiver.stats().peakQueuedBytes()).isLessThanOrEqualTo(bound);

      consume.release(Integer.MAX_VALUE / 2);
      sender.join();
      assertThat(senderFailure.get()).isNull();
      for (CompletableFuture<Ack> ack : acks) {
        assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
      }
      assertThat(complete).hasSize(OBJECTS);
      assertThat(consumed.get()).isEqualTo((long) OBJECTS * OBJECT_SIZE);
      assertThat(pair.receiver.stats().peakQueuedBytes()).as("queued for handlers at any time, per connection")
          .isLessThanOrEqualTo(bound);
      assertThat(pair.receiver.stats().receivePauses()).isGreaterThan(1);
    }
  }

  @Test
  void slowHandler_streamedBodyParksItsProducingThread() throws Exception {
    Semaphore consume = new Semaphore(0);
    AtomicInteger produced = new AtomicInteger();
    try (StreamPair pair = StreamPair.start(OPTIONS)) {
      pair.receiver.register("slow", in -> {
        for (ByteBuf chunk; ; ) {
          consume.acquire();
          if ((chunk = in.body().next()) == null) {
            return;
          }
          chunk.release();
        }
      });
      int chunks = 1600; // 1600 x 64 KiB = 100 MiB, far more than the socket buffers hold
      ByteBufSource source = new ByteBufSource() {
        @Override
        public ByteBuf next() {
          if (produced.get() == chunks) {
            return null;
          }
          produced.incrementAndGet();
          return io.netty.buffer.Unpooled.directBuffer(64 * 1024).writeZero(64 * 1024);
        }

        @Override
        public long declaredLength() {
          return -1;
        }
      };
      List<CompletableFuture<Ack>> ack = new ArrayList<>();
      Thread sender = Thread.ofVirtual().start(() -> {
        try {
          ack.add(pair.sender.send(pair.peer, ObjectHeader.of("slow", Bucket.ais("b"), "stream"), Body.of(source)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      Await.until("producer parked", () -> sender.getState() == Thread.State.WAITING
          && pair.receiver.stats().receivePauses() > 0);
      assertThat(produced.get()).as("chunks pulled from the source while the receiver consumed nothing")
          .isLessThan(chunks / 2);

      consume.release(Integer.MAX_VALUE / 2);
      sender.join();
      assertThat(ack.getFirst().get(60, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
      assertThat(produced.get()).isEqualTo(chunks);
      assertThat(pair.receiver.stats().peakQueuedBytes()).isLessThanOrEqualTo(HIGH_WATER + StreamServer.MAX_READ);
    }
  }

  @Test
  void manyObjectsInFlight_windowBoundsTheUnacknowledged() throws Exception {
    Semaphore finish = new Semaphore(0);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostRunning = new AtomicInteger();
    try (StreamPair pair = StreamPair.start(OPTIONS)) {
      pair.receiver.register("hold", in -> {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          StreamPair.readAll(in.body());
          finish.acquire();
        } finally {
          running.decrementAndGet();
        }
      });
      List<CompletableFuture<Ack>> acks = new CopyOnWriteArrayList<>();
      Thread sender = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < 20; i++) {
            acks.add(pair.sender.send(pair.peer, ObjectHeader.of("hold", Bucket.ais("b"), "o" + i),
                Body.of(new byte[1000])));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      Await.until("window full", () -> running.get() == OPTIONS.maxInFlight() && sender.getState() == Thread.State.WAITING);
      assertThat(acks).hasSize(OPTIONS.maxInFlight());

      finish.release(1000);
      sender.join();
      for (CompletableFuture<Ack> ack : acks) {
        assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
      }
      assertThat(mostRunning.get()).isEqualTo(OPTIONS.maxInFlight());
    }
  }
}
