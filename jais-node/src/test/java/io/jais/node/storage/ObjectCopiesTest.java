package io.jais.node.storage;

import static io.jais.node.storage.TestObjects.randomBytes;
import static io.jais.node.storage.TestObjects.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirror copies on real files over three mountpaths: placement on disk, lockstep, repair, quarantine. */
class ObjectCopiesTest {
  private static final Bucket BUCKET = Bucket.ais("m");

  @TempDir Path root;
  private ObjectStore store;
  private ObjectCopies copies;

  @BeforeEach
  void setUp() throws IOException {
    store = ObjectStore.open(List.of(root.resolve("mp1"), root.resolve("mp2"), root.resolve("mp3")));
    copies = store.copies();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private ObjectMeta put(String name, byte[] data) throws IOException {
    return store.put(BUCKET, name, ChunkedBody.of(data), PutOptions.DEFAULT);
  }

  private Mountpath home(String name) {
    return store.mountpathOf(BUCKET, name);
  }

  private List<Mountpath> others(String name) {
    List<Mountpath> others = new ArrayList<>(store.mountpaths().all());
    others.remove(home(name));
    return others;
  }

  private static Path fileOn(Mountpath mountpath, String name) {
    return Fqn.of(mountpath, BUCKET, name).path();
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      one.flip();
      byte b = one.get();
      channel.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x5a)}), at);
    }
  }

  @Test
  void copyLiesAtTheSamePathOnAnotherMountpath_andIsListed() throws IOException {
    byte[] data = randomBytes(10_000, 1);
    put("dir/obj", data);
    Mountpath destination = others("dir/obj").getFirst();

    assertThat(copies.addCopy(BUCKET, "dir/obj", destination)).isEqualTo(ObjectCopies.Added.ADDED);

    Path copy = fileOn(destination, "dir/obj");
    assertThat(Files.readAllBytes(copy)).isEqualTo(data);
    assertThat(copies.paths(BUCKET, "dir/obj")).contains(List.of(home("dir/obj").toString(), destination.toString()));
    assertThat(store.head(BUCKET, "dir/obj").orElseThrow().copies()).containsExactly(destination.toString());
    assertThat(new LomStore(true).read(Fqn.of(destination, BUCKET, "dir/obj")).orElseThrow().copies())
        .as("a copy lists the other files, not itself").containsExactly(home("dir/obj").toString());
    assertThat(copies.addCopy(BUCKET, "dir/obj", destination)).isEqualTo(ObjectCopies.Added.ALREADY);
    assertThat(copies.addCopy(BUCKET, "dir/obj", home("dir/obj"))).isEqualTo(ObjectCopies.Added.ALREADY);
  }

  @Test
  void overwriteAndDelete_removeTheCopiesWithTheMain() throws IOException {
    put("obj", randomBytes(5_000, 2));
    for (Mountpath other : others("obj")) {
      copies.addCopy(BUCKET, "obj", other);
    }
    byte[] second = randomBytes(7_000, 3);
    put("obj", second);

    assertThat(store.head(BUCKET, "obj").orElseThrow().copies()).isEmpty();
    for (Mountpath other : others("obj")) {
      assertThat(fileOn(other, "obj")).doesNotExist();
    }
    copies.addCopy(BUCKET, "obj", others("obj").getFirst());
    store.delete(BUCKET, "obj");

    for (Mountpath mountpath : store.mountpaths().all()) {
      assertThat(fileOn(mountpath, "obj")).doesNotExist();
    }
    assertThat(copies.heal(BUCKET, "obj").whole()).isFalse(); // nothing left to bring a deleted object back
  }

  @Test
  void readsSpreadOverTheCopies() throws IOException {
    byte[] data = randomBytes(64 * 1024, 4);
    put("spread", data);
    for (Mountpath other : others("spread")) {
      copies.addCopy(BUCKET, "spread", other);
    }
    List<Mountpath> served = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try (OpenedObject opened = store.open(BUCKET, "spread", true)) {
        assertThat(readAll(opened)).isEqualTo(data);
        served.add(opened.mountpath());
      }
    }
    assertThat(served).containsAll(store.mountpaths().all());
  }

  @Test
  void corruptedMain_isRepairedFromACopy() throws IOException {
    byte[] data = randomBytes(20_000, 5);
    ObjectMeta meta = put("bad-main", data);
    Mountpath copyOn = others("bad-main").getFirst();
    copies.addCopy(BUCKET, "bad-main", copyOn);
    flipByte(fileOn(home("bad-main"), "bad-main"), 1234);

    ObjectCopies.Healed healed = copies.heal(BUCKET, "bad-main");

    assertThat(healed.whole()).isTrue();
    assertThat(healed.repaired()).isEqualTo(1);
    assertThat(Files.readAllBytes(fileOn(home("bad-main"), "bad-main"))).isEqualTo(data);
    ObjectMeta now = store.head(BUCKET, "bad-main").orElseThrow();
    assertThat(now.sameWrite(meta)).isTrue();
    assertThat(now.copies()).containsExactly(copyOn.toString());
  }

  @Test
  void corruptedOrMissingCopy_isRepairedFromTheMain() throws IOException {
    byte[] data = randomBytes(9_000, 6);
    put("bad-copy", data);
    List<Mountpath> others = others("bad-copy");
    others.forEach(other -> {
      try {
        copies.addCopy(BUCKET, "bad-copy", other);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    flipByte(fileOn(others.get(0), "bad-copy"), 10);
    Files.delete(fileOn(others.get(1), "bad-copy"));

    ObjectCopies.Healed healed = copies.heal(BUCKET, "bad-copy");

    assertThat(healed.repaired()).isEqualTo(2);
    for (Mountpath other : others) {
      assertThat(Files.readAllBytes(fileOn(other, "bad-copy"))).isEqualTo(data);
    }
    assertThat(store.head(BUCKET, "bad-copy").orElseThrow().copies()).hasSize(2);
  }

  @Test
  void missingMain_isRestoredFromACopy() throws IOException {
    byte[] data = randomBytes(3_000, 7);
    put("lost", data);
    copies.addCopy(BUCKET, "lost", others("lost").getFirst());
    Files.delete(fileOn(home("lost"), "lost"));

    assertThat(copies.heal(BUCKET, "lost").whole()).isTrue();

    try (OpenedObject opened = store.open(BUCKET, "lost", true)) {
      assertThat(readAll(opened)).isEqualTo(data);
    }
  }

  @Test
  void copyIsAlwaysOfTheCurrentWrite() throws IOException {
    put("racy", randomBytes(1_000, 8));
    Mountpath destination = others("racy").getFirst();
    ObjectMeta first = store.head(BUCKET, "racy").orElseThrow();
    put("racy", randomBytes(1_000, 9));
    assertThat(first.sameWrite(store.head(BUCKET, "racy").orElseThrow())).isFalse();
    assertThat(copies.addCopy(BUCKET, "racy", destination)).isEqualTo(ObjectCopies.Added.ADDED);
    // what was copied and listed is the second write
    byte[] main = Files.readAllBytes(fileOn(home("racy"), "racy"));
    assertThat(Files.readAllBytes(fileOn(destination, "racy"))).isEqualTo(main);
  }

  @Test
  void nothingIntact_isQuarantined_notServed_notListed() throws IOException {
    put("doomed", randomBytes(4_000, 10));
    flipByte(fileOn(home("doomed"), "doomed"), 0);

    assertThat(copies.heal(BUCKET, "doomed").whole()).isFalse();
    assertThat(fileOn(home("doomed"), "doomed")).exists(); // heal changes nothing when it cannot help
    assertThat(copies.quarantine(BUCKET, "doomed", "test")).isTrue();

    assertThat(copies.quarantined(BUCKET, "doomed")).isTrue();
    assertThat(store.head(BUCKET, "doomed")).isEmpty();
    assertThat(store.list(BUCKET, new ListQuery("", "", 100, true)).entries()).isEmpty();
    Path kept = ObjectCopies.quarantineDir(home("doomed"), BUCKET, "doomed");
    try (var files = Files.list(kept)) {
      assertThat(files.filter(f -> f.getFileName().toString().matches("\\d+")).count()).isEqualTo(1);
    }
  }

  @Test
  void dropCopies_keepsTheMainAndRemovesFiles() throws IOException {
    put("n", randomBytes(2_000, 11));
    for (Mountpath other : others("n")) {
      copies.addCopy(BUCKET, "n", other);
    }
    assertThat(copies.dropCopies(BUCKET, "n", 2)).isEqualTo(1);
    assertThat(copies.paths(BUCKET, "n").orElseThrow()).hasSize(2);
    assertThat(copies.dropCopies(BUCKET, "n", 1)).isEqualTo(1);
    assertThat(copies.paths(BUCKET, "n").orElseThrow()).containsExactly(home("n").toString());
    for (Mountpath other : others("n")) {
      assertThat(fileOn(other, "n")).doesNotExist();
    }
  }

  @Test
  void disabledMountpath_leavesHrw_andItsObjectsComeBackFromCopies() throws IOException {
    byte[] data = randomBytes(6_000, 12);
    put("moved", data);
    Mountpath lostHome = home("moved");
    for (Mountpath other : others("moved")) {
      copies.addCopy(BUCKET, "moved", other);
    }
    deleteTree(lostHome.path());

    assertThat(store.disableMountpath(lostHome)).isTrue();
    assertThat(store.mountpaths().all()).doesNotContain(lostHome);
    assertThat(copies.heal(BUCKET, "moved").whole()).isTrue();

    try (OpenedObject opened = store.open(BUCKET, "moved", true)) {
      assertThat(readAll(opened)).isEqualTo(data);
    }
    assertThat(copies.paths(BUCKET, "moved").orElseThrow()).doesNotContain(lostHome.toString()).hasSize(2);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
