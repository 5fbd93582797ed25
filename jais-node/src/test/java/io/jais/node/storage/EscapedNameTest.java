package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names a plain path cannot hold (folder markers, {@code a//b}, {@code /lead}, {@code a/../b}) and
 * plain names whose path is taken ({@code a/b} beside {@code a/b/c}): stored escaped, found by
 * every reader, listed once by their real names. One mountpath, so that every name meets.
 */
class EscapedNameTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private ObjectStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = open();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private ObjectStore open() throws IOException {
    return new ObjectStore(Mountpaths.open(List.of(root.resolve("mp"))));
  }

  private void restart() throws IOException {
    store.close();
    store = open();
  }

  private ObjectMeta put(String name) throws IOException {
    return store.put(BUCKET, name, ChunkedBody.of(bytes(name)), PutOptions.DEFAULT);
  }

  private static byte[] bytes(String name) {
    return ("content of " + name).getBytes(StandardCharsets.UTF_8);
  }

  private String read(String name) throws IOException {
    return new String(TestObjects.readAll(store.open(BUCKET, name, true)), StandardCharsets.UTF_8);
  }

  private List<String> list(String prefix, boolean recursive) throws IOException {
    return store.list(BUCKET, new ListQuery(prefix, "", 0, recursive)).entries().stream()
        .map(e -> e.dir() ? e.name() + " (dir)" : e.name()).toList();
  }

  private Path objectsDir() {
    return root.resolve("mp/@ais/b/%ob");
  }

  private List<Path> escapedFiles() throws IOException {
    Path dir = objectsDir().resolve(ObjectName.ESCAPED);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }

  private void assertReadable(String... names) throws IOException {
    for (String name : names) {
      assertThat(read(name)).as(name).isEqualTo("content of " + name);
      assertThat(store.head(BUCKET, name)).as(name).hasValueSatisfying(
          meta -> assertThat(meta.size()).isEqualTo(bytes(name).length));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir/", "a//b", "/lead", "/", "a/../b", "..", "x/./y", "trail//"})
  void nonPlainName_roundTripsEscapedAndNothingLeavesTheBucket(String name) throws IOException {
    put(name);

    assertReadable(name);
    assertThat(escapedFiles()).hasSize(1);
    assertThat(TestObjects.allFiles(root)).allSatisfy(file -> assertThat(file).startsWith(objectsDir()));
    assertThat(list("", true)).containsExactly(name);
    store.setCustom(BUCKET, name, Map.of("k", "v"), false);
    assertThat(store.head(BUCKET, name).orElseThrow().custom()).containsEntry("k", "v");

    store.delete(BUCKET, name);
    assertThat(store.head(BUCKET, name)).isEmpty();
    assertThat(escapedFiles()).isEmpty();
    assertThatThrownBy(() -> store.delete(BUCKET, name)).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void fileThenObjectsBelowIt_bothStored_theLaterOneEscaped() throws IOException {
    put("a/b");
    put("a/b/c");

    assertReadable("a/b", "a/b/c");
    assertThat(Files.isRegularFile(objectsDir().resolve("a/b"))).isTrue();
    assertThat(escapedFiles()).hasSize(1);
    assertThat(list("", true)).containsExactly("a/b", "a/b/c");
    assertThat(list("a/", false)).containsExactly("a/b", "a/b/ (dir)");
    assertThat(list("a/b/", false)).containsExactly("a/b/c");
  }

  @Test
  void objectsBelowThenTheFile_bothStored_theFileEscaped() throws IOException {
    put("a/b/c");
    put("a/b");

    assertReadable("a/b", "a/b/c");
    assertThat(Files.isDirectory(objectsDir().resolve("a/b"))).isTrue();
    assertThat(list("", true)).containsExactly("a/b", "a/b/c");
    assertThat(list("a/b", true)).containsExactly("a/b", "a/b/c");
  }

  @Test
  void escapedFile_staysEscapedAfterItsDirectoryEmpties_andAcrossRestarts() throws IOException {
    put("a/b/c");
    put("a/b");
    store.delete(BUCKET, "a/b/c");
    assertThat(Files.exists(objectsDir().resolve("a/b"))).isFalse(); // pruned: the plain path is free now

    assertReadable("a/b");
    ObjectMeta second = put("a/b");
    assertThat(second.version()).isEqualTo("2");
    assertThat(escapedFiles()).hasSize(1);
    assertThat(Files.exists(objectsDir().resolve("a/b"))).isFalse();
    restart();
    assertReadable("a/b");
    assertThat(put("a/b").version()).isEqualTo("3");
    assertThat(list("", true)).containsExactly("a/b");

    store.delete(BUCKET, "a/b");
    assertThat(store.head(BUCKET, "a/b")).isEmpty();
    assertThat(escapedFiles()).isEmpty();
  }

  @Test
  void everyForm_isFoundAfterARestart_withoutCachedMetadata() throws IOException {
    List<String> names = List.of("a/b", "a/b/c", "x/y/z", "x/y", "dir/", "dir/f", "//", "/lead");
    for (String name : names) {
      put(name);
    }
    restart();

    assertReadable(names.toArray(String[]::new));
    assertThat(list("", true)).containsExactly("//", "/lead", "a/b", "a/b/c", "dir/", "dir/f", "x/y", "x/y/z");
  }

  @Test
  void concurrentWritersOfAFileAndObjectsBelowIt_allSucceedAndAllAreFound() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      for (int round = 0; round < 40; round++) {
        String base = "r" + round + "/a";
        List<String> names = List.of(base, base + "/b", base + "/b/c");
        CyclicBarrier start = new CyclicBarrier(names.size());
        List<Future<ObjectMeta>> puts = new ArrayList<>();
        for (String name : names) {
          puts.add(pool.submit((Callable<ObjectMeta>) () -> {
            start.await();
            return put(name);
          }));
        }
        for (Future<ObjectMeta> put : puts) {
          put.get();
        }
        assertReadable(names.toArray(String[]::new));
        assertThat(list(base, true)).containsExactlyElementsOf(names);
      }
    }
  }

  @Test
  void folderMarker_listsAsItsDirectoryAbove_andAsItselfUnderItsPrefix() throws IOException {
    put("dir/");
    put("dir/f");
    put("dir/sub/g");
    put("e/");
    put("top");

    assertThat(list("", false)).containsExactly("dir/ (dir)", "e/ (dir)", "top");
    assertThat(list("dir/", false)).containsExactly("dir/", "dir/f", "dir/sub/ (dir)");
    assertThat(list("dir/", true)).containsExactly("dir/", "dir/f", "dir/sub/g");
    assertThat(list("dir", true)).containsExactly("dir/", "dir/f", "dir/sub/g");
    assertThat(list("e/", false)).containsExactly("e/");
  }

  @Test
  void prefixesThatCannotBePaths_listOnlyTheirEscapedNames_orNothing() throws IOException {
    put("/lead");
    put("//x");
    put("a//b");
    put("a/b");

    assertThat(list("/", true)).containsExactly("//x", "/lead");
    assertThat(list("/", false)).containsExactly("// (dir)", "/lead");
    assertThat(list("a//", true)).containsExactly("a//b");
    assertThat(list("a/", false)).containsExactly("a// (dir)", "a/b");
    assertThat(list("", false)).containsExactly("/ (dir)", "a/ (dir)");
    assertThat(list("nothing/", true)).isEmpty();
    assertThat(list("../", true)).isEmpty();
  }

  @Test
  void copyAndAppend_ofEscapedNames_work() throws IOException {
    put("a/b/c");
    put("src/");
    store.copy(BUCKET, "src/", BUCKET, "a/b");
    assertThat(read("a/b")).isEqualTo("content of src/");

    String handle = store.append(BUCKET, "a/b/c/", "", ChunkedBody.of(new byte[] {1, 2}));
    handle = store.append(BUCKET, "a/b/c/", handle, ChunkedBody.of(new byte[] {3}));
    store.flush(BUCKET, "a/b/c/", handle);
    assertThat(TestObjects.readAll(store.open(BUCKET, "a/b/c/", true))).containsExactly(1, 2, 3);
    assertThat(list("a/", true)).containsExactly("a/b", "a/b/c", "a/b/c/");
  }

  @Test
  void foreignAndCorruptFilesInTheEscapedArea_areIgnored() throws IOException {
    put("dir/");
    Path area = objectsDir().resolve(ObjectName.ESCAPED);
    Files.write(area.resolve("not-a-hash"), new byte[] {1});
    Files.write(area.resolve("0123456789abcdef"), new byte[] {2});
    Files.createDirectories(area.resolve("subdir"));
    Files.createSymbolicLink(area.resolve("link"), area.resolve("not-a-hash"));
    restart();

    assertThat(list("", true)).containsExactly("dir/");
    assertReadable("dir/");
  }

  @Test
  void plainNameWhoseHashSlotHoldsAnotherName_isNotThere_andGoingEscapedIsAConflict() throws IOException {
    put("a/b/c");
    put("dir/");
    // the escaped file of "dir/" moved to where "a/b" would go escaped: a hash collision
    Fqn marker = Fqn.of(store.mountpathOf(BUCKET, "dir/"), BUCKET, "dir/");
    Fqn slot = Fqn.escaped(marker.mountpath(), BUCKET, "a/b");
    Files.move(marker.path(), slot.path());
    restart();

    assertThat(store.head(BUCKET, "a/b")).isEmpty();
    assertThatThrownBy(() -> put("a/b")).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT)).hasMessageContaining("dir/");
    assertThatThrownBy(() -> store.delete(BUCKET, "a/b")).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
    assertThat(Files.exists(slot.path())).isTrue();
    assertThat(TestObjects.filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void sidecarsOnly_escapedAndPlainForms_work() throws IOException {
    store.close();
    store = new ObjectStore(Mountpaths.open(List.of(root.resolve("mp"))), StoreOptions.DEFAULT.withXattrs(false));
    put("a/b/c");
    put("a/b");
    put("dir/");
    restart();
    store.close();
    store = new ObjectStore(Mountpaths.open(List.of(root.resolve("mp"))), StoreOptions.DEFAULT.withXattrs(false));

    assertReadable("a/b", "a/b/c", "dir/");
    assertThat(list("", true)).containsExactly("a/b", "a/b/c", "dir/");
    store.delete(BUCKET, "a/b");
    store.delete(BUCKET, "dir/");
    assertThat(list("", true)).containsExactly("a/b/c");
  }
}
