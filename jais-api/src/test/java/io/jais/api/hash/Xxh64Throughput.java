package io.jais.api.hash;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Microbenchmark, not a test: XXH64 over 1 GiB of 1 MiB direct buffers (as PUT bodies arrive),
 * best of N passes by the thread's CPU time (wall time on a shared machine mostly measures
 * preemption). Compare two versions by copying the old class beside this one under another name.
 *
 * <pre>
 * java -cp jais-api/target/classes:jais-api/target/test-classes \
 *     io.jais.api.hash.Xxh64Throughput [passes] [buffers]
 * </pre>
 */
public final class Xxh64Throughput {
  private Xxh64Throughput() {}

  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    ByteBuffer[] buffers = new ByteBuffer[count];
    SplittableRandom random = new SplittableRandom(1);
    byte[] bytes = new byte[1 << 20];
    for (int i = 0; i < count; i++) {
      random.nextBytes(bytes);
      buffers[i] = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int rounds = 1024 / count;
    double best = 0;
    long digest = 0;
    for (int pass = 0; pass < passes; pass++) {
      long start = threads.getCurrentThreadCpuTime();
      Xxh64 xxh = new Xxh64(0);
      for (int r = 0; r < rounds; r++) {
        for (ByteBuffer buffer : buffers) {
          xxh.update(buffer);
        }
      }
      digest = xxh.digest();
      best = Math.max(best, rounds * count / ((threads.getCurrentThreadCpuTime() - start) / 1e9));
    }
    System.out.printf("XXH64 over %d MiB of 1 MiB direct buffers: best %.0f MiB/s of thread CPU time (digest %s)%n",
        rounds * count, best, Xxh64.hex(digest));
  }
}
