package io.jais.node.ec.codec;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Microbenchmark of the codec on one core, without JMH (bench/ec-codec.sh runs it): encode and
 * decode (the worst case, {@code parity} data slices lost) of a D+P code over slices of one size,
 * each timed for a few seconds after a warm-up. Prints object bytes (the data slices) per second.
 *
 * <p>usage: {@code CodecBench [data] [parity] [slice bytes] [seconds]}, defaults 4 2 1048576 4.
 */
public final class CodecBench {
  private CodecBench() {}

  public static void main(String[] args) {
    int data = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int parity = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int sliceBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 4;
    ReedSolomon codec = ReedSolomon.of(data, parity);
    byte[][] slices = new byte[data + parity][sliceBytes];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < data; i++) {
      random.nextBytes(slices[i]);
    }
    boolean[] present = new boolean[data + parity];
    java.util.Arrays.fill(present, true);
    for (int i = 0; i < Math.min(parity, data); i++) {
      present[i] = false; // lose data slices: the decode that has to compute, not copy
    }
    Runnable encode = () -> codec.encode(slices, 0, sliceBytes);
    Runnable decode = () -> codec.reconstruct(slices, present, 0, sliceBytes);
    long objectBytes = (long) data * sliceBytes;
    run("warm-up", encode, objectBytes, seconds / 2);
    run("warm-up", decode, objectBytes, seconds / 2);
    double enc = run("encode", encode, objectBytes, seconds);
    double dec = run("decode", decode, objectBytes, seconds);
    System.out.printf(Locale.ROOT, "%d+%d slices of %d B, 1 thread: encode %.2f GiB/s, decode (%d data slices lost) %.2f GiB/s%n",
        data, parity, sliceBytes, enc, Math.min(parity, data), dec);
  }

  private static double run(String what, Runnable op, long bytesPerOp, double seconds) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long ops = 0;
    do {
      op.run();
      ops++;
    } while (System.nanoTime() < deadline);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double gibPerSecond = ops * (double) bytesPerOp / elapsed / (1L << 30);
    if (!what.equals("warm-up")) {
      System.out.printf(Locale.ROOT, "%-7s %d ops in %.2f s: %.2f GiB/s%n", what, ops, elapsed, gibPerSecond);
    }
    return gibPerSecond;
  }
}
