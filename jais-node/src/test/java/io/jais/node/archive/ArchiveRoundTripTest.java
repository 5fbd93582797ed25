package io.jais.node.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every format written by {@link ArchiveWriter} reads back through {@link ArchiveReader}: names, order, bytes. */
class ArchiveRoundTripTest {
  @TempDir
  Path dir;

  static Map<String, byte[]> members() {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("b.txt", "second letter".getBytes());
    members.put("a.txt", "first letter".getBytes());
    members.put("empty", new byte[0]);
    members.put("dir/" + "long-name-".repeat(15) + ".bin", new byte[] {1, 2, 3});
    byte[] big = new byte[300_000];
    new Random(7).nextBytes(big);
    members.put("dir/big.bin", big);
    members.put("ünïcode/名前.txt", "utf-8 names".getBytes());
    return members;
  }

  static Path write(Path dir, ArchiveFormat format, Map<String, byte[]> members) throws IOException {
    Path file = dir.resolve("shard" + format.extension());
    try (OutputStream out = Files.newOutputStream(file); ArchiveWriter writer = ArchiveWriter.create(format, out)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        writer.add(m.getKey(), m.getValue().length, 1_700_000_000_000L, new ByteArrayInputStream(m.getValue()));
        writer.flush();
      }
      writer.finish();
    }
    return file;
  }

  static Map<String, byte[]> read(Path file, ArchiveFormat format) throws IOException {
    Map<String, byte[]> read = new LinkedHashMap<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArchiveReader reader = ArchiveReader.open(format, channel, channel.size(), file.getFileName().toString())) {
      for (ArchiveReader.Member m = reader.next(); m != null; m = reader.next()) {
        byte[] bytes = m.content().readAllBytes();
        assertThat(bytes).as(m.name()).hasSize((int) m.size());
        read.put(m.name(), bytes);
      }
    }
    return read;
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void writtenMembers_readBackInOrder_withTheirBytes(ArchiveFormat format) throws IOException {
    Map<String, byte[]> members = members();
    Path file = write(dir, format, members);

    Map<String, byte[]> read = read(file, format);

    assertThat(new ArrayList<>(read.keySet())).containsExactlyElementsOf(members.keySet());
    members.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
    byte[] head = Files.readAllBytes(file);
    assertThat(ArchiveFormat.detect(head, head.length)).isPresent();
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void membersSkippedWithoutReading_nextStillFindsTheFollowingOnes(ArchiveFormat format) throws IOException {
    Path file = write(dir, format, members());
    List<String> names = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArchiveReader reader = ArchiveReader.open(format, channel, channel.size(), "shard")) {
      for (ArchiveReader.Member m = reader.next(); m != null; m = reader.next()) {
        names.add(m.name()); // content never read
      }
    }
    assertThat(names).containsExactlyElementsOf(members().keySet());
  }
}
