package io.jais.node.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shards that are not what they say fail with BAD_ARCHIVE (400): truncated, garbage, members
 * climbing out of the shard, a ZIP member claiming an impossible size. Memory stays bounded: a
 * reader never yields more than a member's declared size.
 */
class MalformedArchiveTest {
  @TempDir
  Path dir;

  private static void readAll(Path file, ArchiveFormat format) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArchiveReader reader = ArchiveReader.open(format, channel, channel.size(), "ais://b/" + file.getFileName())) {
      for (ArchiveReader.Member m = reader.next(); m != null; m = reader.next()) {
        m.content().readAllBytes();
      }
    }
  }

  private static void assertBadArchive(Path file, ArchiveFormat format, String why) {
    assertThatThrownBy(() -> readAll(file, format)).isInstanceOfSatisfying(JaisException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARCHIVE);
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains(why);
    });
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void truncatedShard_isBadArchive(ArchiveFormat format) throws IOException {
    Path whole = ArchiveRoundTripTest.write(dir, format, ArchiveRoundTripTest.members());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut" + format.extension());
    Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));

    assertBadArchive(cut, format, "not a readable archive");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void garbage_isBadArchive(ArchiveFormat format) throws IOException {
    Path file = dir.resolve("garbage" + format.extension());
    byte[] garbage = new byte[4096];
    new java.util.Random(1).nextBytes(garbage);
    Files.write(file, garbage);

    assertBadArchive(file, format, "not a readable archive");
  }

  @Test
  void tarMemberClimbingOut_isBadArchive() throws IOException {
    Path file = dir.resolve("evil.tar");
    try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (String name : new String[] {"ok.txt", "../../etc/passwd"}) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(2);
        tar.putArchiveEntry(entry);
        tar.write(new byte[] {'h', 'i'});
        tar.closeArchiveEntry();
      }
    }
    assertBadArchive(file, ArchiveFormat.TAR, "climbs out of the archive");
  }

  @Test
  void zipMemberWithAbsolutePath_isBadArchive() throws IOException {
    Path file = dir.resolve("evil.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("/abs/path"));
      zip.write(1);
      zip.closeEntry();
    }
    assertBadArchive(file, ArchiveFormat.ZIP, "absolute path");
  }

  /** A deflated member whose sizes were rewritten to claim ~4 GiB from a few bytes: a zip bomb. */
  @Test
  void zipMemberClaimingImpossibleRatio_isBadArchive_beforeAnyByteIsInflated() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
      zip.putNextEntry(new ZipEntry("bomb.bin"));
      zip.write(new byte[10_000]);
      zip.closeEntry();
    }
    byte[] bytes = buffer.toByteArray();
    ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (view.getInt(i) == 0x02014b50) { // central directory header: uncompressed size at +24
        view.putInt(i + 24, 0xfffffff0);
      }
    }
    Path file = dir.resolve("bomb.zip");
    Files.write(file, bytes);

    assertBadArchive(file, ArchiveFormat.ZIP, "zip bomb");
  }

  @Test
  void memberContent_neverLongerThanDeclared() throws IOException {
    Path file = ArchiveRoundTripTest.write(dir, ArchiveFormat.TAR, Map.of("x", new byte[] {1, 2, 3}));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArchiveReader reader = ArchiveReader.open(ArchiveFormat.TAR, channel, channel.size(), "x")) {
      ArchiveReader.Member member = reader.next();
      assertThat(member.content().readAllBytes()).containsExactly(1, 2, 3);
      assertThat(member.content().read()).isEqualTo(-1);
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void hugeGnuLongName_isBadArchive_beforeTheNameIsRead() throws IOException {
    Path file = dir.resolve("longname.tar");
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      TarArchiveEntry entry = new TarArchiveEntry("d/" + "n".repeat(100_000));
      entry.setSize(1);
      tar.putArchiveEntry(entry);
      tar.write('x');
      tar.closeArchiveEntry();
    }

    assertBadArchive(file, ArchiveFormat.TAR, "long-name entry of");
  }
}
