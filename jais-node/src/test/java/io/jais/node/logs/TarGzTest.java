package io.jais.node.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
  @TempDir Path dir;

  @Test
  void write_readsBackAsUstarEntries() throws Exception {
    byte[] big = new byte[70_000];
    new SplittableRandom(3).nextBytes(big);
    Path a = Files.writeString(dir.resolve("jais.INFO"), "hello\n");
    Path b = Files.write(dir.resolve("jais.INFO.1"), big);
    Path empty = Files.write(dir.resolve("jais.INFO.2"), new byte[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarGz.write(List.of(a, b, empty, dir.resolve("gone")), out);

    Map<String, byte[]> entries = untar(out.toByteArray());
    assertThat(entries.keySet()).containsExactly("jais.INFO", "jais.INFO.1", "jais.INFO.2");
    assertThat(entries.get("jais.INFO")).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
    assertThat(entries.get("jais.INFO.1")).isEqualTo(big);
    assertThat(entries.get("jais.INFO.2")).isEmpty();
  }

  @Test
  void tarTool_listsTheArchive() throws Exception {
    Path a = Files.writeString(dir.resolve("jais.ERROR"), "boom\n");
    Path archive = dir.resolve("logs.tar.gz");
    try (var out = Files.newOutputStream(archive)) {
      TarGz.write(List.of(a), out);
    }
    org.assertj.core.api.Assumptions.assumeThat(Path.of("/usr/bin/tar")).exists();

    Process tar = new ProcessBuilder("tar", "tzvf", archive.toString()).redirectErrorStream(true).start();
    String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(tar.waitFor()).as(listing).isZero();
    assertThat(listing).contains("jais.ERROR").contains(" 5 ");
  }

  /** A minimal ustar reader: checks each header's checksum and magic. */
  static Map<String, byte[]> untar(byte[] tgz) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      byte[] header = new byte[512];
      while (true) {
        in.readFully(header);
        if (allZero(header)) {
          in.readFully(header);
          assertThat(allZero(header)).isTrue(); // two zero blocks end the archive
          assertThat(in.read()).isEqualTo(-1);
          return entries;
        }
        assertThat(new String(header, 257, 6, StandardCharsets.US_ASCII)).isEqualTo("ustar\0");
        long sum = 0;
        for (int i = 0; i < 512; i++) {
          sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        assertThat(Long.parseLong(field(header, 148, 8), 8)).isEqualTo(sum);
        String name = field(header, 0, 100);
        int size = Integer.parseInt(field(header, 124, 12), 8);
        byte[] data = new byte[size];
        in.readFully(data);
        in.readFully(new byte[(512 - size % 512) % 512]);
        entries.put(name, data);
      }
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
