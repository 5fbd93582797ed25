package io.jais.node.storage;

import static io.jais.node.storage.TestObjects.randomBytes;
import static io.jais.node.storage.TestObjects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.storage.ObjectStore.MountpathAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mountpaths changing under a store: objects stay readable before the resilver moved them, writes
 * of not-yet-moved objects land on their HRW mountpath, relocation settles everything, and bad
 * changes are refused without changing anything.
 */
class MountpathChangeTest {
  private static final Bucket BUCKET = Bucket.ais("mp");
  private static final int OBJECTS = 200;

  @TempDir Path root;
  private ObjectStore store;
  private Path first;
  private Path second;
  private Path third;

  @BeforeEach
  void setUp() throws IOException {
    first = root.resolve("mp1");
    second = root.resolve("mp2");
    third = root.resolve("mp3");
    store = ObjectStore.open(List.of(first, second, third));
    for (int i = 0; i < OBJECTS; i++) {
      store.put(BUCKET, "o" + i, ChunkedBody.of(randomBytes(100 + i, i)), PutOptions.DEFAULT);
    }
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private long objectsOn(Path mountpath) throws IOException {
    Path dir = Fqn.contentDir(Mountpath.open(mountpath), BUCKET, Fqn.OBJECTS);
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  /** What a resilver does: relocate every file off its HRW mountpath, then settle. */
  private void resilver() throws IOException {
    List<Mountpath> searched = store.mountpathSet().searched();
    StoreMaintenance files = store.maintenance();
    for (Mountpath mountpath : searched) {
      List<StoreMaintenance.StoredFile> strays = new ArrayList<>();
      files.walk(mountpath, BUCKET, "", file -> {
        if (file.name() != null && !files.onHome(file)) {
          strays.add(file);
        }
        return true;
      });
      for (StoreMaintenance.StoredFile file : strays) {
        files.relocate(file);
      }
    }
    store.resilvered(searched);
  }

  @Test
  void disable_objectsReadableBeforeAndAfterTheResilver_thenNoneLeftOnIt() throws IOException {
    long before = objectsOn(first);
    assertThat(before).isPositive();

    assertThat(store.changeMountpath(MountpathAction.DISABLE, first, true)).isTrue();
    for (int i = 0; i < OBJECTS; i++) {
      assertThat(readAll(store.open(BUCKET, "o" + i, false))).as("o%d before the resilver", i)
          .isEqualTo(randomBytes(100 + i, i));
    }
    assertThat(store.list(BUCKET, ListQuery.all()).entries()).as("listed before the resilver").hasSize(OBJECTS);
    resilver();

    assertThat(objectsOn(first)).isZero();
    assertThat(store.list(BUCKET, ListQuery.all()).entries()).hasSize(OBJECTS);
    assertThat(store.mountpathSet().draining()).isEmpty();
    assertThat(store.mountpathSet().disabled()).extracting(Mountpath::path).containsExactly(first.toAbsolutePath());
    for (int i = 0; i < OBJECTS; i++) {
      assertThat(readAll(store.open(BUCKET, "o" + i, false))).isEqualTo(randomBytes(100 + i, i));
    }
  }

  @Test
  void writeOfAnObjectNotMovedYet_landsOnItsHrwMountpath_andRemovesTheStray() throws IOException {
    store.changeMountpath(MountpathAction.DISABLE, first, true);
    String name = null;
    for (int i = 0; i < OBJECTS && name == null; i++) {
      if (Files.exists(Fqn.of(Mountpath.open(first), BUCKET, "o" + i).path())) {
        name = "o" + i;
      }
    }
    assertThat(name).as("an object on the disabled mountpath").isNotNull();
    Path stray = Fqn.of(Mountpath.open(first), BUCKET, name).path();

    store.put(BUCKET, name, ChunkedBody.of(new byte[] {7, 7}), PutOptions.DEFAULT);

    assertThat(stray).doesNotExist();
    assertThat(Fqn.of(store.mountpathOf(BUCKET, name), BUCKET, name).path()).exists();
    assertThat(readAll(store.open(BUCKET, name, false))).containsExactly(7, 7);
  }

  @Test
  void deleteOfAnObjectNotMovedYet_removesTheStray() throws IOException {
    store.changeMountpath(MountpathAction.DISABLE, first, true);
    for (int i = 0; i < OBJECTS; i++) {
      store.delete(BUCKET, "o" + i);
    }
    assertThat(objectsOn(first) + objectsOn(second) + objectsOn(third)).isZero();
  }

  @Test
  void enableAgain_resilverMovesItsShareBack() throws IOException {
    long share = objectsOn(first);
    store.changeMountpath(MountpathAction.DISABLE, first, true);
    resilver();
    store.changeMountpath(MountpathAction.ENABLE, first, true);
    resilver();
    assertThat(objectsOn(first)).isEqualTo(share);
    assertThat(objectsOn(first) + objectsOn(second) + objectsOn(third)).isEqualTo(OBJECTS);
  }

  @Test
  void attach_takesItsShare_detach_givesItBack() throws IOException {
    Path fourth = root.resolve("mp4");
    assertThat(store.changeMountpath(MountpathAction.ATTACH, fourth, true)).isTrue();
    resilver();
    assertThat(objectsOn(fourth)).isPositive();
    store.changeMountpath(MountpathAction.DETACH, fourth, true);
    resilver();
    assertThat(objectsOn(fourth)).isZero();
    assertThat(objectsOn(first) + objectsOn(second) + objectsOn(third)).isEqualTo(OBJECTS);
    assertThat(store.mountpathSet().enabled()).hasSize(3);
  }

  @Test
  void badChanges_areRefused_andChangeNothing() throws IOException {
    MountpathSet before = store.mountpathSet();
    assertThatThrownBy(() -> store.changeMountpath(MountpathAction.ENABLE, root.resolve("none"), true))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> store.changeMountpath(MountpathAction.ATTACH, second, true))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(store.changeMountpath(MountpathAction.ENABLE, second, true)).as("already enabled").isFalse();
    assertThat(store.mountpathSet()).as("refused changes change nothing").isEqualTo(before);
    store.changeMountpath(MountpathAction.DISABLE, first, false);
    store.changeMountpath(MountpathAction.DISABLE, second, false);
    assertThatThrownBy(() -> store.changeMountpath(MountpathAction.DISABLE, third, true))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(store.mountpathSet().enabled()).extracting(Mountpath::path).containsExactly(third.toAbsolutePath());
  }
}
