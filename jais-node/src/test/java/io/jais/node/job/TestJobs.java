package io.jais.node.job;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Job kinds and a clock for the framework's tests: real jobs whose work the test controls. */
final class TestJobs {
  private TestJobs() {}

  /** A clock the test moves. */
  static final class Clock implements InstantSource {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration duration) {
      now.updateAndGet(t -> t.plus(duration));
    }
  }

  /** Work that waits for the test's go (or an abort), then processes {@code objects} objects of 10 bytes. */
  static final class Gated extends Job {
    final CountDownLatch go = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);
    private final int objects;

    Gated(JobStart start, int objects) {
      super(start, "extra");
      this.objects = objects;
    }

    @Override
    protected void execute() throws Exception {
      started.countDown();
      while (!go.await(10, TimeUnit.MILLISECONDS)) {
        checkAborted();
      }
      for (int i = 0; i < objects; i++) {
        counters().processed(10);
      }
      counters().add("extra", 1);
    }
  }

  /** Endless work over an endless list, one item at a time on {@code workers} threads; counts items. */
  static final class Endless extends Job {
    final AtomicLong done = new AtomicLong();

    Endless(JobStart start) {
      super(start);
    }

    @Override
    protected void execute() {
      Iterator<Long> items = new Iterator<>() {
        private long next;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Long next() {
          return next++;
        }
      };
      forEach(items, 4, false, item -> {
        Thread.sleep(1);
        done.incrementAndGet();
      });
    }
  }

  /** Fails on the items listed as failing; processes the others. */
  static final class Failing extends Job {
    private final boolean continueOnError;

    Failing(JobStart start, boolean continueOnError) {
      super(start);
      this.continueOnError = continueOnError;
    }

    @Override
    protected void execute() {
      forEach(java.util.stream.IntStream.range(0, 10).boxed().iterator(), 1, continueOnError, item -> {
        if (item == 3 || item == 6) {
          throw new java.io.IOException("item " + item + " is broken");
        }
        counters().processed(1);
      });
    }
  }

  static JobStart start(String id, String kind) {
    return new JobStart(id, kind, null, null, 0, false, null);
  }
}
