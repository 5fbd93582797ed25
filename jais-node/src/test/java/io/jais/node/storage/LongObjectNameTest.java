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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects whose names have a component over the filesystem's 255-byte limit (stored under a hash). */
class LongObjectNameTest {
  private static final Bucket BUCKET = Bucket.ais("b");
  private static final String C300 = "x".repeat(300);

  @TempDir Path root;
  private ObjectStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = TestObjects.twoMountpathStore(root);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private ObjectMeta put(String name) throws IOException {
    return put(name, name.getBytes(StandardCharsets.UTF_8));
  }

  private ObjectMeta put(String name, byte[] data) throws IOException {
    return store.put(BUCKET, name, ChunkedBody.of(data), PutOptions.DEFAULT);
  }

  private byte[] read(String name) throws IOException {
    return TestObjects.readAll(store.open(BUCKET, name, true));
  }

  private List<String> list(String prefix, String startAfter, int limit, boolean recursive) throws IOException {
    return store.list(BUCKET, new ListQuery(prefix, startAfter, limit, recursive)).entries().stream()
        .map(ListEntry::name).toList();
  }

  private static Consumer<Throwable> code(ErrorCode expected) {
    return e -> assertThat(((JaisException) e).code()).isEqualTo(expected);
  }

  private List<Path> filesOnDisk() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void put_300ByteComponent_isStoredUnderAHashAndReadBackByItsName() throws IOException {
    String name = "dir/" + C300 + "/leaf";
    ObjectMeta meta = put(name, "long".getBytes(StandardCharsets.UTF_8));

    assertThat(read(name)).asString(StandardCharsets.UTF_8).isEqualTo("long");
    assertThat(store.head(BUCKET, name)).hasValueSatisfying(head -> {
      assertThat(head.size()).isEqualTo(4);
      assertThat(head.checksum()).isEqualTo(meta.checksum());
    });
    assertThat(filesOnDisk()).singleElement().satisfies(file -> {
      assertThat(file.getParent().getFileName()).hasToString(ObjectName.ESCAPED);
      assertThat(file.getFileName().toString()).matches("[0-9a-f]{16}");
    });
    assertThat(list("", "", 0, true)).containsExactly(name);
  }

  @Test
  void put_1024ByteKeyWithoutSlash_roundTrips_1025IsInvalid() throws IOException {
    String name = "k".repeat(1021) + "\u00e9\u00e9".substring(0, 1) + "k"; // 1021 + 2 + 1 = 1024 bytes
    put(name);

    assertThat(read(name)).asString(StandardCharsets.UTF_8).isEqualTo(name);
    assertThat(list("k", "", 0, true)).containsExactly(name);
    assertThatThrownBy(() -> put(name + "k")).satisfies(code(ErrorCode.INVALID_NAME)).hasMessageContaining("1024");
  }

  @Test
  void put_overwriteThenDelete_replacesAndRemovesTheHashedFile() throws IOException {
    String name = C300;
    put(name, new byte[] {1});
    ObjectMeta second = put(name, new byte[] {2, 3});

    assertThat(second.version()).isEqualTo("2");
    assertThat(read(name)).containsExactly(2, 3);
    store.delete(BUCKET, name);

    assertThat(store.head(BUCKET, name)).isEmpty();
    assertThat(filesOnDisk()).isEmpty();
    assertThat(list("", "", 0, true)).isEmpty();
    assertThatThrownBy(() -> store.delete(BUCKET, name)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void copyAndAppend_toLongNames_work() throws IOException {
    put("short", new byte[] {7});
    store.copy(BUCKET, "short", BUCKET, C300 + "/copy");
    store.copy(BUCKET, C300 + "/copy", BUCKET, "back");
    String handle = store.append(BUCKET, C300 + "/appended", "", ChunkedBody.of(new byte[] {1, 2}));
    handle = store.append(BUCKET, C300 + "/appended", handle, ChunkedBody.of(new byte[] {3}));
    store.flush(BUCKET, C300 + "/appended", handle);

    assertThat(read(C300 + "/copy")).containsExactly(7);
    assertThat(read("back")).containsExactly(7);
    assertThat(read(C300 + "/appended")).containsExactly(1, 2, 3);
  }

  @Test
  void list_mixesLongAndRegularNamesInUtf8OrderWithPrefixStartAfterAndPages() throws IOException {
    List<String> names = new ArrayList<>(List.of("a0", "a/" + C300, "a/b", "b" + C300, "b/c", "b/" + C300 + "/z",
        "b/" + C300 + "/a", "c", "\uFF5E/" + C300, "\uD83D\uDE00" + C300, "\uFF5E"));
    for (String name : names) {
      put(name);
    }
    names.sort(ObjectName.UTF8_ORDER);

    assertThat(list("", "", 0, true)).containsExactlyElementsOf(names);
    assertThat(list("b/", "", 0, true)).containsExactly("b/c", "b/" + C300 + "/a", "b/" + C300 + "/z");
    assertThat(list("b", "b/" + C300 + "/a", 0, true)).containsExactly("b/" + C300 + "/z", "b" + C300);
    for (String startAfter : List.of("", "a/b", "a/" + C300, "b", "b" + C300, "～")) {
      assertThat(list("", startAfter, 3, true)).as("after %s", startAfter).containsExactlyElementsOf(names.stream()
          .filter(name -> ObjectName.UTF8_ORDER.compare(name, startAfter) > 0).limit(3).toList());
    }
    List<String> paged = new ArrayList<>();
    String token = "";
    do {
      ListPage page = store.list(BUCKET, new ListQuery("", token, 2, true));
      page.entries().forEach(entry -> paged.add(entry.name()));
      token = page.continuationToken();
    } while (!token.isEmpty());
    assertThat(paged).containsExactlyElementsOf(names);
  }

  @Test
  void list_nonRecursive_showsALongNamesVirtualDirectoryOnceAmongRegularOnes() throws IOException {
    for (String name : List.of("b/c", "b/" + C300 + "/z", "b/" + C300 + "/a", "b/" + C300, "b/d/e", "top" + C300)) {
      put(name);
    }

    assertThat(list("", "", 0, false)).containsExactly("b/", "top" + C300);
    assertThat(list("b/", "", 0, false)).containsExactly("b/c", "b/d/", "b/" + C300, "b/" + C300 + "/");
    assertThat(list("b/x", "", 0, false)).containsExactly("b/" + C300, "b/" + C300 + "/");
    assertThat(list("b/", "b/c", 0, false)).containsExactly("b/d/", "b/" + C300, "b/" + C300 + "/");
    assertThat(list("b/", "b/" + C300, 0, false)).containsExactly("b/" + C300 + "/");
    assertThat(list("b/", "b/" + C300 + "/a", 0, false)).isEmpty(); // like a real directory: starts before it
    assertThat(store.list(BUCKET, new ListQuery("b/", "", 0, false)).entries()).extracting(ListEntry::dir)
        .containsExactly(false, true, false, true);
  }

  @Test
  void hashCollision_otherObjectInTheHashedFile_isRefusedByEveryOperationAndKept() throws IOException {
    String stored = "a" + C300;
    String colliding = "b" + C300;
    put(stored, new byte[] {1});
    // force the collision: move the stored object (file and metadata) to where the colliding name hashes
    Fqn from = Fqn.of(store.mountpathOf(BUCKET, stored), BUCKET, stored);
    Fqn to = Fqn.of(store.mountpathOf(BUCKET, colliding), BUCKET, colliding);
    Files.createDirectories(to.path().getParent());
    Files.move(from.path(), to.path());
    if (Files.exists(from.sidecarPath())) {
      Files.createDirectories(to.sidecarPath().getParent());
      Files.move(from.sidecarPath(), to.sidecarPath());
    }
    store.close();
    store = TestObjects.twoMountpathStore(root); // no cached metadata

    assertThatThrownBy(() -> store.head(BUCKET, colliding)).satisfies(code(ErrorCode.CONFLICT))
        .hasMessageContaining("hash collision").hasMessageContaining(stored);
    assertThatThrownBy(() -> read(colliding)).satisfies(code(ErrorCode.CONFLICT));
    assertThatThrownBy(() -> put(colliding, new byte[] {2})).satisfies(code(ErrorCode.CONFLICT));
    assertThatThrownBy(() -> store.delete(BUCKET, colliding)).satisfies(code(ErrorCode.CONFLICT));
    assertThat(Files.readAllBytes(to.path())).containsExactly(1);
    // the stray file does not hash from its stored name: listings skip it like GET cannot find it
    assertThat(list("", "", 0, true)).isEmpty();
  }

  @Test
  void reservedFirstComponent_isStoredEscapedNotInsideTheEscapedArea() throws IOException {
    String name = ObjectName.ESCAPED + "/0123456789abcdef";
    put(name, new byte[] {5});

    assertThat(read(name)).containsExactly(5);
    assertThat(list("", "", 0, true)).containsExactly(name);
    assertThat(filesOnDisk()).singleElement()
        .satisfies(file -> assertThat(file.getFileName().toString()).isNotEqualTo("0123456789abcdef"));
  }
}
