package io.jais.node.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BurstBufferTest {
  @Test
  void everyPostedItemIsHandled_andPendingDrainsToZero() throws Exception {
    List<Integer> handled = new CopyOnWriteArrayList<>();
    try (BurstBuffer<Integer> buffer = new BurstBuffer<>("t", 4, 2, handled::add)) {
      for (int i = 0; i < 100; i++) {
        assertThat(buffer.post(i)).isTrue();
      }
      awaitDrained(buffer);
      assertThat(handled).hasSize(100).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
      assertThat(buffer.done()).isEqualTo(100);
    }
  }

  @Test
  void fullQueue_postWaitsForRoom_offerDrops() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try (BurstBuffer<Integer> buffer = new BurstBuffer<>("t", 2, 1, item -> {
      started.countDown();
      await(release);
    })) {
      buffer.post(0); // taken by the only worker, which blocks
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      buffer.post(1);
      buffer.post(2); // the queue (2) is full now
      assertThat(buffer.offer(3)).isFalse();
      assertThat(buffer.overflows()).isEqualTo(1);

      CountDownLatch posted = new CountDownLatch(1);
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          buffer.post(4);
          posted.countDown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(posted.await(300, TimeUnit.MILLISECONDS)).isFalse(); // back-pressure: the writer waits
      assertThat(buffer.overflows()).isEqualTo(2);
      release.countDown();
      assertThat(posted.await(5, TimeUnit.SECONDS)).isTrue();
      writer.join();
      awaitDrained(buffer);
      assertThat(buffer.done()).isEqualTo(4); // 0, 1, 2, 4; 3 was dropped
    }
  }

  @Test
  void failingHandler_isCounted_andTheWorkerGoesOn() throws Exception {
    try (BurstBuffer<Integer> buffer = new BurstBuffer<>("t", 8, 1, item -> {
      if (item % 2 == 0) {
        throw new IllegalStateException("even");
      }
    })) {
      for (int i = 0; i < 6; i++) {
        buffer.post(i);
      }
      awaitDrained(buffer);
      assertThat(buffer.failed()).isEqualTo(3);
      assertThat(buffer.done()).isEqualTo(3);
    }
  }

  @Test
  void closed_refusesWork_andDropsWhatIsQueued() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BurstBuffer<Integer> buffer = new BurstBuffer<>("t", 4, 1, item -> await(release));
    buffer.post(0);
    buffer.post(1);
    buffer.close();
    release.countDown();
    assertThat(buffer.post(2)).isFalse();
    assertThat(buffer.offer(3)).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitDrained(BurstBuffer<?> buffer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (buffer.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(buffer.pending()).isZero();
  }
}
