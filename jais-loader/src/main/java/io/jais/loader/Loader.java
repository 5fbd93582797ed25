package io.jais.loader;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a load: prepares the bucket, lists it when GETs need objects, runs the workers (one
 * platform thread each, a blocking request at a time) until the duration or the operation count
 * is reached, prints a progress line every interval, then the summary; cleans up if asked.
 */
public final class Loader {
  private static final int MAX_ERROR_MESSAGES = 5;

  private final LoaderConfig config;
  private final PrintStream out;
  private volatile Stats stats = new Stats();
  private final AtomicLong issued = new AtomicLong();
  private final AtomicInteger errorMessages = new AtomicInteger();
  private volatile boolean stop;

  public Loader(LoaderConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  static Backend backend(LoaderConfig c) {
    return switch (c.api()) {
      case "s3" -> new S3Backend(c.endpoint(), c.bucket(), c.s3AccessKey(), c.s3SecretKey(), c.s3Region(),
          c.workers(), c.timeout());
      default -> new NativeBackend(c.endpoint(), c.bucket(), c.timeout());
    };
  }

  /** Runs the load and returns its summary (also printed). */
  public Summary run() throws Exception {
    try (Backend backend = backend(config)) {
      return run(backend);
    }
  }

  Summary run(Backend backend) throws Exception {
    Names names = new Names(config.prefix(), config.sequential(), config.distinct());
    boolean readOnlyKnown = config.mix().pctPut() == 0 && !config.reuse() && config.distinct() > 0;
    boolean created = false;
    if (readOnlyKnown) {
      // read prefix0000000000 .. prefix(N-1) without asking the server anything else: works
      // against any HTTP server holding those paths (the bench's nginx baseline)
      List<String> assumed = new ArrayList<>();
      for (long i = 0; i < config.distinct(); i++) {
        assumed.add(names.indexed(i));
      }
      names.addExisting(assumed);
    } else {
      created = backend.prepareBucket();
    }
    if (config.reuse() && config.mix().pctPut() < 100 && !created) {
      long t0 = System.nanoTime();
      List<String> existing = backend.list(config.prefix());
      names.addExisting(existing);
      out.printf(Locale.ROOT, "listed %d objects under '%s' in %.1fs%n", existing.size(), config.prefix(),
          (System.nanoTime() - t0) / 1e9);
    }
    if (config.mix().pctPut() == 0 && names.knownCount() == 0) {
      throw new IllegalStateException("nothing to read: " + backend.describe() + " has no objects under '"
          + config.prefix() + "'; write some first (e.g. --pctput 100 --ops 1000 --names seq --objects 1000)");
    }
    out.printf(Locale.ROOT, "%s: %d workers, %s, %d%% PUT, size %s, %s names%s%s%n", backend.describe(),
        config.workers(), limits(), config.mix().pctPut(), config.size(), config.sequential() ? "sequential" : "random",
        config.verify() ? ", verifying reads" : "", config.distinct() > 0 ? ", " + config.distinct() + " distinct" : "");

    if (config.warmup() != null && !config.warmup().isZero()) {
      phase(backend, names, config.warmup().toNanos(), 0, null);
      out.printf(Locale.ROOT, "warm-up: %.1fs done, %d errors%n", config.warmup().toMillis() / 1000.0,
          stats.errors.sum());
      stats = new Stats();
      issued.set(0);
      errorMessages.set(0);
    }
    long limit = config.duration() == null ? Long.MAX_VALUE : config.duration().toNanos();
    List<Stats.Worker> results = new ArrayList<>();
    double seconds = phase(backend, names, limit, config.maxOps(), results);
    Stats.Worker total = new Stats.Worker();
    results.forEach(total::add);
    Summary summary = Summary.of(total, seconds);
    out.print(summary.format());
    if (config.cleanup()) {
      cleanup(backend, names, created);
    }
    return summary;
  }

  /** Runs the workers for {@code nanos} or {@code maxOps}; returns the seconds it took. */
  private double phase(Backend backend, Names names, long nanos, long maxOps, List<Stats.Worker> results)
      throws InterruptedException {
    stop = false;
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
    for (int i = 0; i < config.workers(); i++) {
      Stats.Worker mine = new Stats.Worker();
      if (results != null) {
        results.add(mine);
      }
      SplittableRandom random = new SplittableRandom(System.nanoTime() ^ (0x9E3779B97F4A7C15L * (i + 1)));
      threads.add(Thread.ofPlatform().name("loader-" + i).daemon(true)
          .start(() -> work(backend, names, mine, random, deadline, maxOps)));
    }
    Thread progress = config.progress() == null || results == null ? null
        : Thread.ofPlatform().name("loader-progress").daemon(true).start(() -> progress(start));
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    stop = true;
    if (progress != null) {
      progress.interrupt();
      progress.join();
    }
    return seconds;
  }

  private String limits() {
    if (config.duration() != null && config.maxOps() > 0) {
      return config.duration().toMillis() / 1000.0 + "s or " + config.maxOps() + " ops";
    }
    return config.duration() != null ? config.duration().toMillis() / 1000.0 + "s" : config.maxOps() + " ops";
  }

  private void work(Backend backend, Names names, Stats.Worker mine, SplittableRandom random, long deadline,
      long maxOps) {
    while (!stop && System.nanoTime() < deadline) {
      if (maxOps > 0 && issued.getAndIncrement() >= maxOps) {
        return;
      }
      Mix.Op op = config.mix().next(random);
      String name = op == Mix.Op.GET ? names.nextGet(random) : null;
      if (name == null) {
        op = Mix.Op.PUT; // nothing to read yet
        name = names.nextPut(random);
      }
      long t0 = System.nanoTime();
      try {
        long bytes = attempt(backend, op, name, op == Mix.Op.PUT ? config.size().pick(random) : 0, mine, random);
        long elapsed = System.nanoTime() - t0;
        mine.latency.get(op).record(elapsed);
        mine.bytes.merge(op, bytes, Long::sum);
        stats.ops.get(op).increment();
        stats.bytes.get(op).add(bytes);
        stats.nanos.get(op).add(elapsed);
        if (op == Mix.Op.PUT) {
          names.written(name);
        }
      } catch (Backend.OpException e) {
        error(mine, op, e.kind(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        error(mine, op, "io", op + " " + name + ": " + e);
      }
    }
  }

  /**
   * One operation as a client library makes it: a node that sheds it (503, overloaded) gets it
   * again after a jittered exponential back-off, up to {@link #SHED_RETRIES} times; the latency
   * recorded includes the waits.
   */
  private long attempt(Backend backend, Mix.Op op, String name, long size, Stats.Worker mine, SplittableRandom random)
      throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return op == Mix.Op.PUT ? backend.put(name, size) : backend.get(name, config.verify());
      } catch (Backend.OpException e) {
        if (!e.kind().equals(SHED) || attempt == SHED_RETRIES || stop) {
          throw e;
        }
        mine.retried.merge(op, 1L, Long::sum);
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, 50L << attempt);
        Thread.sleep(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
      }
    }
  }

  /** The error kind of a shed request: retried, as the AIS SDK and S3 clients retry it. */
  private static final String SHED = "http-503";
  private static final int SHED_RETRIES = 8;
  private static final long MAX_BACKOFF_MILLIS = 2000;

  private void error(Stats.Worker mine, Mix.Op op, String kind, String message) {
    mine.errors.get(op).merge(kind, 1L, Long::sum);
    stats.errors.increment();
    if (errorMessages.getAndIncrement() < MAX_ERROR_MESSAGES) {
      out.println("error: " + message);
    }
  }

  private void progress(long start) {
    long interval = config.progress().toNanos();
    long[] lastOps = new long[2];
    long[] lastBytes = new long[2];
    long[] lastNanos = new long[2];
    long lastTime = start;
    while (!stop) {
      try {
        Thread.sleep(config.progress());
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      double dt = (now - lastTime) / 1e9;
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%7.1fs", (now - start) / 1e9));
      for (Mix.Op op : Mix.Op.values()) {
        int i = op.ordinal();
        long ops = stats.ops.get(op).sum();
        long bytes = stats.bytes.get(op).sum();
        long nanos = stats.nanos.get(op).sum();
        long dOps = ops - lastOps[i];
        if (ops > 0) {
          sb.append(String.format(Locale.ROOT, "  %s %9.1f ops/s %8.2f MiB/s avg %s", op, dOps / dt,
              (bytes - lastBytes[i]) / dt / (1 << 20), dOps == 0 ? "-" : Summary.ms((double) (nanos - lastNanos[i]) / dOps)));
        }
        lastOps[i] = ops;
        lastBytes[i] = bytes;
        lastNanos[i] = nanos;
      }
      sb.append("  errors ").append(stats.errors.sum());
      out.println(sb);
      lastTime = now;
    }
  }

  private void cleanup(Backend backend, Names names, boolean created) {
    List<String> written = names.written();
    int failed = 0;
    for (String name : written) {
      try {
        backend.delete(name);
      } catch (Exception e) {
        failed++;
      }
    }
    String bucketNote = "";
    if (created) {
      try {
        backend.destroyBucket();
        bucketNote = "; removed the bucket it created";
      } catch (Exception e) {
        bucketNote = "; removing the bucket failed: " + e.getMessage();
      }
    }
    out.printf("cleanup: deleted %d of %d objects written%s%n", written.size() - failed, written.size(), bucketNote);
  }
}
