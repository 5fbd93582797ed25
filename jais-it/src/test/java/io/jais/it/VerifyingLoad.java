package io.jais.it;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.client.JaisClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PUT, GET and DELETE traffic that checks every answer against what it wrote: each worker owns a
 * disjoint set of names, so it knows exactly what each GET must return (the last PUT's bytes, or
 * 404 after its DELETE). Failures are collected, not thrown, and read after {@link #stop}.
 */
final class VerifyingLoad implements AutoCloseable {
  // close() is stop(): it waits for the workers
  private final JaisClient client;
  private final Bucket bucket;
  private final Map<String, Long> expected = new ConcurrentHashMap<>(); // name -> generation (seed) of its bytes
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong operations = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopped;

  private VerifyingLoad(JaisClient client, Bucket bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** Writes {@code objects} objects first (names {@code w<worker>/<i>}), then starts {@code workers} workers. */
  static VerifyingLoad start(JaisClient client, Bucket bucket, int workers, int objects) throws InterruptedException {
    VerifyingLoad load = new VerifyingLoad(client, bucket);
    List<Thread> seeders = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      seeders.add(Thread.ofVirtual().start(() -> {
        for (int i = worker; i < objects; i += workers) {
          load.put(name(worker, i), i);
        }
      }));
    }
    for (Thread t : seeders) {
      t.join();
    }
    for (int w = 0; w < workers; w++) {
      int worker = w;
      load.workers.add(Thread.ofPlatform().name("load-" + w).start(() -> load.run(worker, workers, objects)));
    }
    return load;
  }

  static String name(int worker, int i) {
    return "w" + worker + "/" + i;
  }

  static byte[] content(String name, long generation) {
    return TestBytes.random(name.hashCode() * 31L + generation, 512 + Math.floorMod(generation * 7919 + name.hashCode(), 3584));
  }

  private void run(int worker, int workers, int objects) {
    SplittableRandom random = new SplittableRandom(worker);
    long generation = 1_000_000L * (worker + 1);
    while (!stopped) {
      int i = worker + workers * random.nextInt(Math.max(1, objects / workers));
      String name = name(worker, i);
      int dice = random.nextInt(100);
      try {
        if (dice < 25) {
          put(name, ++generation);
        } else if (dice < 28) {
          client.objects().delete(bucket, name);
          expected.remove(name);
        } else {
          check(name);
        }
        operations.incrementAndGet();
      } catch (JaisException e) {
        if (!(e.code() == ErrorCode.OBJECT_NOT_FOUND && dice >= 25 && dice < 28 && !expected.containsKey(name))) {
          failures.add(name + ": " + e);
        }
      } catch (RuntimeException e) {
        failures.add(name + ": " + e);
      }
    }
  }

  private void put(String name, long generation) {
    client.objects().put(bucket, name, content(name, generation));
    expected.put(name, generation);
  }

  /** GETs the object and compares it with what was written last (404 when deleted). */
  void check(String name) {
    Long generation = expected.get(name);
    try {
      byte[] got = client.objects().get(bucket, name);
      if (generation == null) {
        failures.add(name + ": deleted, but GET returned " + got.length + " bytes");
      } else if (!Arrays.equals(got, content(name, generation))) {
        failures.add(name + ": GET returned other bytes than generation " + generation + " (" + got.length + " bytes)");
      }
    } catch (JaisException e) {
      if (e.code() != ErrorCode.OBJECT_NOT_FOUND || generation != null) {
        failures.add(name + ": GET failed: " + e);
      }
    }
  }

  /** Stops the workers and waits for them. */
  void stop() throws InterruptedException {
    stopped = true;
    for (Thread t : workers) {
      t.join();
    }
  }

  /** What every object must be now: name -> generation. */
  Map<String, Long> expected() {
    return Map.copyOf(expected);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  long operations() {
    return operations.get();
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
