package io.jais.node.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UploadLocksTest {
  private final UploadLocks locks = new UploadLocks();

  @Test
  void oneUpload_isWorkedOnByOneThreadAtATime_andItsLockGoesAwayAfterwards() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?>[] done = new Future<?>[16];
      for (int i = 0; i < done.length; i++) {
        done[i] = pool.submit(() -> locks.withLock("u1", () -> {
          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
          Thread.sleep(2);
          inside.decrementAndGet();
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(most.get()).isEqualTo(1);
    assertThat(locks.size()).isZero();
  }

  @Test
  void differentUploads_doNotWaitForEachOther() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> first = pool.submit(() -> locks.withLock("a", () -> {
        holding.countDown();
        return release.await(30, TimeUnit.SECONDS);
      }));
      assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(locks.withLock("b", () -> "b ran")).isEqualTo("b ran");
      assertThat(locks.size()).isEqualTo(1); // only "a" is held
      release.countDown();
      first.get(30, TimeUnit.SECONDS);
    }
    assertThat(locks.size()).isZero();
  }

  @Test
  void aFailingWork_releasesTheLock() throws Exception {
    try {
      locks.withLock("u", () -> {
        throw new IllegalStateException("boom");
      });
    } catch (IllegalStateException expected) {
      // the work's own failure
    }
    assertThat(locks.size()).isZero();
    assertThat(locks.withLock("u", () -> 1)).isEqualTo(1);
  }
}
