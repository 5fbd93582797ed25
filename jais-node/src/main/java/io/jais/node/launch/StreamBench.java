package io.jais.node.launch;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.Mountpaths;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.PutOptions;
import io.jais.node.storage.SharedObject;
import io.jais.node.storage.StoreOptions;
import io.jais.node.transport.Ack;
import io.jais.node.transport.Body;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.ObjectStreams;
import io.jais.node.transport.Peer;
import io.jais.node.transport.StreamOptions;
import io.jais.node.transport.StreamStats;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./jais bench-streams}: target-to-target stream throughput between two processes, for
 * {@code bench/streams.sh} (docs/performance.md). The receiver stores every object in a real
 * object store (work file, checksum, commit), as a target does; the sender reads stored objects
 * from a target's mountpaths and sends them zero-copy, each worker keeping up to {@code
 * --outstanding} of its objects unacknowledged (a copy job does not wait for one ack before it
 * sends the next object).
 * The sender opens its own store over those mountpaths without the background atime flush; it
 * writes only the access times of what it sent, once, when it exits.
 *
 * <pre>
 * receive --port P --dir D               listen on P, store into D/mp1 and D/mp2 until killed
 * send --to HOST:PORT --mountpaths A,B --bucket B --prefix X --objects N [--workers 8]
 *      [--outstanding 4] [--duration 10s] [--warmup 5s] [--drop true]
 *                                        send X0000000000 .. N-1 round-robin; one result line;
 *                                        --drop true: the receiver reads and drops them instead
 * </pre>
 */
public final class StreamBench {
  private static final byte[] SECRET = "jais bench-streams".getBytes(StandardCharsets.UTF_8);
  /** The receiver stores the object (what copies and rebalance do). */
  private static final String STORE = "bench-put";
  /** The receiver reads the body and drops it: the transport alone. */
  private static final String DROP = "bench-drop";
  private static final String RECEIVER_ID = "bench-receiver";

  private StreamBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("receive") || args[0].equals("send"))) {
      System.err.println("usage: jais bench-streams receive --port P --dir D\n"
          + "       jais bench-streams send --to HOST:PORT --mountpaths A,B --bucket B --prefix X --objects N"
          + " [--workers 8] [--outstanding 4] [--duration 10s] [--warmup 5s] [--drop true]");
      System.exit(2);
    }
    Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
    if (args[0].equals("receive")) {
      receive(options);
    } else {
      send(options);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected an --option, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  private static void receive(Map<String, String> options) throws Exception {
    Path dir = Path.of(required(options, "dir"));
    ObjectStore store = ObjectStore.open(List.of(dir.resolve("mp1"), dir.resolve("mp2")));
    ObjectStreams streams = ObjectStreams.start("127.0.0.1", Integer.parseInt(required(options, "port")),
        RECEIVER_ID, SECRET, StreamOptions.DEFAULT);
    streams.register(STORE, in -> store.put(in.header().bucket(), in.header().objectName(), in.body(),
        PutOptions.DEFAULT.withExpected(in.header().checksum())));
    streams.register(DROP, in -> {
      for (ByteBuf chunk; (chunk = in.body().next()) != null; ) {
        chunk.release();
      }
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      StreamStats stats = streams.stats();
      streams.close();
      store.close();
      System.out.println("receiver objects=" + stats.objectsReceived() + " bytes=" + stats.bytesReceived()
          + " error_acks=" + stats.errorAcksSent() + " pauses=" + stats.receivePauses()
          + " peak_queued=" + stats.peakQueuedBytes());
      stopped.countDown();
    }));
    System.out.println("receiver ready port=" + streams.port());
    stopped.await();
  }

  private static void send(Map<String, String> options) throws Exception {
    String[] to = required(options, "to").split(":");
    Peer peer = new Peer(RECEIVER_ID, to[0], Integer.parseInt(to[1]));
    List<Path> mountpaths = Arrays.stream(required(options, "mountpaths").split(",")).map(Path::of).toList();
    Bucket bucket = Bucket.ais(required(options, "bucket"));
    String prefix = required(options, "prefix");
    int objects = Integer.parseInt(required(options, "objects"));
    int workers = Integer.parseInt(options.getOrDefault("workers", "8"));
    int outstanding = Integer.parseInt(options.getOrDefault("outstanding", "4"));
    Duration duration = seconds(options.getOrDefault("duration", "10s"));
    Duration warmup = seconds(options.getOrDefault("warmup", "5s"));
    boolean drop = Boolean.parseBoolean(options.getOrDefault("drop", "false"));
    String trname = drop ? DROP : STORE;
    List<String> names = new ArrayList<>();
    StoreOptions noBackgroundFlush = StoreOptions.DEFAULT.withAtimeFlushInterval(Duration.ZERO);
    try (ObjectStore store = new ObjectStore(Mountpaths.open(mountpaths), noBackgroundFlush);
        ObjectStreams streams = ObjectStreams.start("127.0.0.1", 0, "bench-sender", SECRET, StreamOptions.DEFAULT)) {
      for (int i = 0; i < objects; i++) {
        String name = prefix + String.format("%010d", i);
        if (store.head(bucket, name).isEmpty()) {
          throw new IllegalStateException(bucket.uri() + "/" + name + " is not stored under " + mountpaths);
        }
        names.add(name);
      }
      AtomicBoolean measuring = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger next = new AtomicInteger();
      LongAdder done = new LongAdder();
      LongAdder bytes = new LongAdder();
      LongAdder errors = new LongAdder();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        threads.add(Thread.ofVirtual().start(() -> {
          // a copy job does not wait for each ack before it sends the next object: up to
          // `outstanding` of this worker's objects are unacknowledged at once
          ArrayDeque<CompletableFuture<Ack>> unacked = new ArrayDeque<>();
          ArrayDeque<Long> sizes = new ArrayDeque<>();
          while (!stop.get() || !unacked.isEmpty()) {
            if (!stop.get() && unacked.size() < outstanding) {
              String name = names.get(Math.floorMod(next.getAndIncrement(), names.size()));
              try {
                SharedObject object = store.openShared(bucket, name);
                ObjectMeta meta = object.meta();
                unacked.add(streams.send(peer, ObjectHeader.of(trname, bucket, name, meta),
                    Body.ofFile(object.file().channel(), 0, meta.size(), object.file()::release)));
                sizes.add(meta.size());
              } catch (Exception e) {
                System.err.println(name + ": " + e);
                errors.increment();
              }
              continue;
            }
            long size = sizes.poll();
            boolean ok;
            try {
              Ack ack = unacked.poll().join();
              ok = ack.isOk();
              if (!ok) {
                System.err.println(ack);
              }
            } catch (RuntimeException e) {
              System.err.println(e);
              ok = false;
            }
            if (measuring.get()) {
              if (ok) {
                done.increment();
                bytes.add(size);
              } else {
                errors.increment();
              }
            }
          }
        }));
      }
      Thread.sleep(warmup.toMillis());
      long cpu0 = cpuNanos();
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(duration.toMillis());
      measuring.set(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      long cpu = cpuNanos() - cpu0;
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }
      double mib = bytes.sum() / 1048576.0;
      StreamStats stats = streams.stats();
      System.out.printf("result op=" + (drop ? "stream-drop" : "stream") + " objects=%d seconds=%.2f ops_per_s=%.1f mib_per_s=%.1f errors=%d"
              + " sender_cpu_s_per_gib=%.2f connects=%d send_waits=%d%n", done.sum(), seconds, done.sum() / seconds,
          mib / seconds, errors.sum(), mib > 0 ? cpu / 1e9 / (mib / 1024) : 0, stats.connects(), stats.sendWaits());
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static Duration seconds(String value) {
    return Duration.ofMillis((long) (Double.parseDouble(value.replace("s", "")) * 1000));
  }
}
