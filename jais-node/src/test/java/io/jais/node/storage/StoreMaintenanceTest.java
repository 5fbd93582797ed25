package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as files: walking, inspecting and repairing real files on two mountpaths. */
class StoreMaintenanceTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private ObjectStore store;
  private StoreMaintenance files;

  @BeforeEach
  void open() throws IOException {
    store = TestObjects.twoMountpathStore(root);
    files = store.maintenance();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ObjectMeta put(String name, String content) throws IOException {
    return store.put(BUCKET, name, ChunkedBody.of(content.getBytes()), PutOptions.DEFAULT);
  }

  private List<StoreMaintenance.StoredFile> walkAll() throws IOException {
    List<StoreMaintenance.StoredFile> found = new ArrayList<>();
    for (Mountpath mountpath : files.mountpaths()) {
      files.walk(mountpath, BUCKET, "", found::add);
    }
    return found;
  }

  private Mountpath other(Mountpath mountpath) {
    return files.mountpaths().stream().filter(m -> !m.equals(mountpath)).findFirst().orElseThrow();
  }

  /** Moves an object's file (with its xattr: same filesystem) onto the other mountpath. */
  private Path misplace(String name) throws IOException {
    Mountpath home = files.homeOf(BUCKET, name);
    Path from = Fqn.of(home, BUCKET, name).path();
    Path to = Fqn.of(other(home), BUCKET, name).path();
    Files.createDirectories(to.getParent());
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    return to;
  }

  @Test
  void walk_findsEveryObjectWithItsName_inspectReadsItsMetadata() throws IOException {
    put("a/b/c.txt", "one");
    put("top", "two");

    List<StoreMaintenance.StoredFile> found = walkAll();

    assertThat(found).extracting(StoreMaintenance.StoredFile::name).containsExactlyInAnyOrder("a/b/c.txt", "top");
    for (StoreMaintenance.StoredFile file : found) {
      assertThat(files.onHome(file)).isTrue();
      StoreMaintenance.Inspection inspection = files.inspect(file);
      assertThat(inspection.health()).isEqualTo(StoreMaintenance.Health.OK);
      assertThat(inspection.meta().version()).isEqualTo("1");
    }
  }

  @Test
  void walk_prefix_onlyMatchingNames() throws IOException {
    put("x/1", "1");
    put("y/1", "2");
    List<String> names = new ArrayList<>();
    for (Mountpath mountpath : files.mountpaths()) {
      files.walk(mountpath, BUCKET, "x/", file -> names.add(file.name()));
    }
    assertThat(names).containsExactly("x/1");
  }

  @Test
  void relocate_misplacedFile_movesHomeKeepingVersionAndContent() throws IOException {
    put("m", "first");
    put("m", "second"); // version 2
    Path stray = misplace("m");
    StoreMaintenance.StoredFile file = walkAll().getFirst();
    assertThat(files.onHome(file)).isFalse();

    assertThat(files.relocate(file)).isEqualTo(StoreMaintenance.Relocation.MOVED);

    assertThat(stray).doesNotExist();
    assertThat(store.head(BUCKET, "m").orElseThrow().version()).isEqualTo("2");
    assertThat(TestObjects.readAll(store.open(BUCKET, "m", true))).isEqualTo("second".getBytes());
    assertThat(walkAll()).singleElement().satisfies(f -> assertThat(files.onHome(f)).isTrue());
  }

  @Test
  void relocate_homeHasANewerVersion_removesTheStrayOnly() throws IOException {
    put("n", "old");
    Path stray = misplace("n");
    put("n", "newer"); // version 2 at home; the stray still says version 1
    StoreMaintenance.StoredFile strayFile = walkAll().stream().filter(f -> !files.onHome(f)).findFirst().orElseThrow();

    assertThat(files.relocate(strayFile)).isEqualTo(StoreMaintenance.Relocation.REMOVED_DUPLICATE);

    assertThat(stray).doesNotExist();
    assertThat(TestObjects.readAll(store.open(BUCKET, "n", true))).isEqualTo("newer".getBytes());
  }

  @Test
  void removeStray_onlyTheGenerationSeen() throws IOException {
    ObjectMeta first = put("s", "v1");
    StoreMaintenance.StoredFile file = walkAll().getFirst();
    put("s", "v2");

    assertThat(files.removeStray(file, first)).as("changed meanwhile").isFalse();
    assertThat(store.head(BUCKET, "s")).isPresent();

    ObjectMeta second = files.inspect(file).meta();
    assertThat(files.removeStray(file, second)).isTrue();
    assertThat(store.head(BUCKET, "s")).isEmpty();
  }

  @Test
  void inspect_tellsMissingFromCorruptFromWrongSize_andRemoveUnreadable() throws IOException {
    Mountpath mountpath = files.mountpaths().getFirst();
    Path objects = Fqn.contentDir(mountpath, BUCKET, Fqn.OBJECTS);
    Files.createDirectories(objects);
    Files.writeString(objects.resolve("orphan"), "no metadata");
    put("sized", "12345");
    StoreMaintenance.StoredFile sized = walkAll().stream().filter(f -> "sized".equals(f.name())).findFirst().orElseThrow();
    Files.writeString(sized.path(), "123"); // behind the store's back

    Map<String, StoreMaintenance.Health> health = new java.util.HashMap<>();
    for (StoreMaintenance.StoredFile file : walkAll()) {
      health.put(file.name(), files.inspect(file).health());
    }

    assertThat(health).containsEntry("orphan", StoreMaintenance.Health.NO_METADATA)
        .containsEntry("sized", StoreMaintenance.Health.SIZE_MISMATCH);
    StoreMaintenance.StoredFile orphan = walkAll().stream().filter(f -> "orphan".equals(f.name())).findFirst().orElseThrow();
    assertThat(files.removeUnreadable(orphan)).isTrue();
    assertThat(orphan.path()).doesNotExist();
  }

  @Test
  void checksum_rereadsTheData_andStopsWhenAsked() throws IOException {
    ObjectMeta meta = put("c", "checked content");
    StoreMaintenance.StoredFile file = walkAll().getFirst();

    assertThat(files.checksum(file, meta.checksum().type(), () -> false)).isEqualTo(meta.checksum());
    assertThat(files.checksum(file, meta.checksum().type(), () -> true)).isNull();
  }

  @Test
  void workfiles_inUseWhileAWriteHoldsThem_andRemovable() throws IOException {
    Mountpath mountpath = files.mountpaths().getFirst();
    Path workDir = Fqn.contentDir(mountpath, BUCKET, Fqn.WORK);
    try (WorkFile open = WorkFile.create(workDir)) {
      Path stale = workDir.resolve("stale");
      Files.writeString(stale, "left by a crash");
      Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

      List<StoreMaintenance.Workfile> found = files.workfiles(mountpath);

      assertThat(found).filteredOn(StoreMaintenance.Workfile::inUse).extracting(StoreMaintenance.Workfile::path)
          .containsExactly(open.path());
      StoreMaintenance.Workfile old = found.stream().filter(w -> w.path().equals(stale)).findFirst().orElseThrow();
      assertThat(old.modified()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
      assertThat(files.removeWorkfile(old)).isTrue();
      assertThat(stale).doesNotExist();
    }
  }

  @Test
  void bucketOf_isTheInverseOfBucketDir() throws IOException {
    Mountpath mountpath = files.mountpaths().getFirst();
    List<Bucket> buckets = List.of(BUCKET, new Bucket("n", Provider.AIS, new Namespace("", "ns")),
        new Bucket("u", Provider.AIS, new Namespace("uuid1", "ns")), new Bucket("g", Provider.GCP, Namespace.GLOBAL));
    for (Bucket bucket : buckets) {
      Files.createDirectories(Fqn.bucketDir(mountpath, bucket));
    }

    assertThat(files.buckets(mountpath).keySet()).containsExactlyInAnyOrderElementsOf(buckets);
  }
}
