package io.jais.it;

import io.jais.api.hash.Xxh64;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic test content and streaming checksums, so big objects are never held in memory. */
final class TestBytes {
  static final int KIB = 1024;
  static final int MIB = 1024 * KIB;

  private TestBytes() {}

  /** {@code size} pseudo-random bytes from {@code seed}. */
  static byte[] random(long seed, int size) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  /** The AIS {@code xxhash2} checksum value of {@code data}. */
  static String xxhash(byte[] data) {
    return Xxh64.hex(Xxh64.hash(data, 0));
  }

  /** Writes {@code size} pseudo-random bytes to {@code file} in 1 MiB steps; returns their xxhash2. */
  static String writeRandomFile(Path file, long seed, long size) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); InputStream in = stream(seed, size)) {
      return copyHashing(in, out);
    }
  }

  /** The xxhash2 checksum of a file, read in 1 MiB steps. */
  static String xxhash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return xxhash(in);
    }
  }

  /** The xxhash2 checksum of a stream, read to its end in 1 MiB steps. */
  static String xxhash(InputStream in) throws IOException {
    return copyHashing(in, OutputStream.nullOutputStream());
  }

  private static String copyHashing(InputStream in, OutputStream out) throws IOException {
    Xxh64 hash = new Xxh64(0);
    byte[] buffer = new byte[MIB];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      hash.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    return Xxh64.hex(hash.digest());
  }

  /** A stream of {@code size} pseudo-random bytes generated as they are read (nothing buffered). */
  static InputStream stream(long seed, long size) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private long left = size;

      @Override
      public int read() {
        if (left == 0) {
          return -1;
        }
        left--;
        return random.nextInt(256);
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) random.nextInt(256);
        }
        left -= n;
        return n;
      }
    };
  }
}
