package io.jais.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.hash.Xxh64;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The EC slices of an object as they lie on targets' disks ({@code %ec/<2 hex>/<16 hex>/<index>},
 * the bytes then the JSON metadata, its length and a magic), for tests that count, inspect or
 * damage them behind the nodes' backs.
 */
final class EcSlices {
  private EcSlices() {}

  /** One slice file and its metadata. */
  record Slice(Path file, JsonNode meta) {
    int index() {
      return meta.get("slice").asInt();
    }

    String version() {
      return meta.get("version").asText();
    }
  }

  /** Slices of the object per target home directory (a target's mountpaths are under its home). */
  static Map<Path, List<Slice>> of(List<Path> targetHomes, Bucket bucket, String name) throws IOException {
    String hex = Xxh64.hex(Xxh64.hash(name, 0));
    Map<Path, List<Slice>> found = new LinkedHashMap<>();
    for (Path home : targetHomes) {
      found.put(home, slicesUnder(home, bucket, hex));
    }
    return found;
  }

  /** A live node creates and removes files while this walks (health probes, work files): walk again then. */
  private static List<Slice> slicesUnder(Path home, Bucket bucket, String hex) throws IOException {
    for (int attempt = 1; ; attempt++) {
      List<Slice> slices = new ArrayList<>();
      try (Stream<Path> dirs = Files.walk(home, 6)) {
        String suffix = "/@ais/" + bucket.name() + "/%ec/" + hex.substring(0, 2) + "/" + hex;
        for (Path dir : dirs.filter(d -> d.toString().endsWith(suffix) && Files.isDirectory(d)).toList()) {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
              slices.add(new Slice(file, meta(file)));
            }
          }
        }
        return slices;
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  static List<Slice> all(List<Path> targetHomes, Bucket bucket, String name) throws IOException {
    return of(targetHomes, bucket, name).values().stream().flatMap(List::stream).toList();
  }

  static JsonNode meta(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 8, 8);
    int length = tail.getInt();
    return WireJson.MAPPER.readTree(new String(bytes, bytes.length - 8 - length, length, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Flips one bit of the byte at {@code position} in place. */
  static void flip(Path file, long position) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x10);
    }
  }
}
