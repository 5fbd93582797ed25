package io.jais.cli.object;

import io.jais.client.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The end-to-end checksum options of {@code put}, as in {@code ais put}: an expected value per
 * type ({@code --md5 V}, {@code --xxhash2 V}, ...; the cluster refuses the upload when the bytes
 * do not match), or {@code --compute-checksum} to compute the bucket's configured type here first.
 * Values are AIS's: lowercase hex of the big-endian digest, {@code xxhash}/{@code xxhash2} being
 * XXH64 with seed 0 and {@code sha256} being SHA-512/256.
 */
final class PutChecksum {
  @Option(names = "--compute-checksum", description = "compute the bucket's checksum type here and have the cluster verify it")
  boolean compute;

  @Option(names = "--crc32c", paramLabel = "HEX", description = "expected crc32c of the content") String crc32c;
  @Option(names = "--md5", paramLabel = "HEX", description = "expected md5 of the content") String md5;
  @Option(names = "--sha256", paramLabel = "HEX", description = "expected sha256 (AIS: SHA-512/256) of the content") String sha256;
  @Option(names = "--sha512", paramLabel = "HEX", description = "expected sha512 of the content") String sha512;
  @Option(names = "--xxhash", paramLabel = "HEX", description = "expected xxhash of the content") String xxhash;
  @Option(names = "--xxhash2", paramLabel = "HEX", description = "expected xxhash2 of the content") String xxhash2;

  /** The one expected checksum given on the command line, as {type, value}; null when none. */
  String[] expected() {
    List<String[]> given = new ArrayList<>();
    add(given, "crc32c", crc32c);
    add(given, "md5", md5);
    add(given, "sha256", sha256);
    add(given, "sha512", sha512);
    add(given, "xxhash", xxhash);
    add(given, "xxhash2", xxhash2);
    if (given.size() + (compute ? 1 : 0) > 1) {
      throw new IllegalArgumentException("at most one checksum option can be given (--compute-checksum or one --TYPE VALUE)");
    }
    return given.isEmpty() ? null : given.getFirst();
  }

  private static void add(List<String[]> given, String type, String value) {
    if (value != null) {
      given.add(new String[] {type, value.strip().toLowerCase(java.util.Locale.ROOT)});
    }
  }

  boolean compute() {
    return compute;
  }

  /** The options of one upload: the expected checksum, or the file's own of type {@code computeType}. */
  PutOptions options(Path file, String computeType) {
    String[] expected = expected();
    if (expected != null) {
      return PutOptions.NONE.withChecksum(expected[0], expected[1]);
    }
    if (computeType == null || computeType.isEmpty() || computeType.equals("none")) {
      return PutOptions.NONE;
    }
    return PutOptions.NONE.withChecksum(computeType, of(file, computeType));
  }

  /** The AIS checksum value of a file's content. */
  static String of(Path file, String type) {
    ContentChecksum checksum = new ContentChecksum(type);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        checksum.update(buffer, 0, n);
      }
      return checksum.hex();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
