package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreListTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private ObjectStore store;
  private final List<String> names = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    store = TestObjects.twoMountpathStore(root);
    names.addAll(List.of("a-b", "a/b", "a/c/d", "b/\uD83D\uDE00", "b/\uFF5E", "p/a.txt", "p/sub/one.txt",
        "p/sub/deep/three.txt", "p/sub2", "z"));
    IntStream.range(0, 30).mapToObj(i -> String.format("f/%03d", i)).forEach(names::add);
    for (String name : names) {
      store.put(BUCKET, name, ChunkedBody.of(name.getBytes(StandardCharsets.UTF_8)), PutOptions.DEFAULT);
    }
    names.sort(ObjectName.UTF8_ORDER);
  }
  @AfterEach
  void tearDown() {
    store.close();
  }


  private List<String> list(String prefix, String startAfter, int limit, boolean recursive) throws IOException {
    return store.list(BUCKET, new ListQuery(prefix, startAfter, limit, recursive)).entries().stream()
        .map(ListEntry::name).toList();
  }

  @Test
  void list_all_mergesMountpathsInUtf8Order() throws IOException {
    ListPage page = store.list(BUCKET, ListQuery.all());

    assertThat(page.entries()).extracting(ListEntry::name).containsExactlyElementsOf(names);
    assertThat(page.complete()).isTrue();
    assertThat(page.entries()).extracting(ListEntry::mountpath).containsOnly(
        root.resolve("mp1").toString(), root.resolve("mp2").toString()).contains(root.resolve("mp1").toString(),
        root.resolve("mp2").toString());
    ListEntry first = page.entries().getFirst();
    assertThat(first.size()).isEqualTo(3);
    assertThat(first.version()).isEqualTo("1");
    assertThat(first.checksum().type()).isEqualTo(ChecksumType.XXHASH2);
    assertThat(first.atimeNanos()).isPositive();
    assertThat(first.dir()).isFalse();
  }

  @Test
  void list_pagesOfSeven_chainByContinuationToken() throws IOException {
    List<String> collected = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListPage page = store.list(BUCKET, new ListQuery("", token, 7, true));
      page.entries().forEach(entry -> collected.add(entry.name()));
      token = page.continuationToken();
      pages++;
    } while (!token.isEmpty());

    assertThat(collected).containsExactlyElementsOf(names);
    assertThat(pages).isEqualTo(names.size() / 7 + 1);
  }

  @Test
  void list_prefix_returnsOnlyMatchingNames() throws IOException {
    assertThat(list("p/s", "", 0, true)).containsExactly("p/sub/deep/three.txt", "p/sub/one.txt", "p/sub2");
    assertThat(list("f/01", "", 0, true)).hasSize(10).allMatch(name -> name.startsWith("f/01"));
    assertThat(list("nothing/", "", 0, true)).isEmpty();
  }

  @Test
  void list_startAfter_returnsStrictlyGreaterNames() throws IOException {
    assertThat(list("", "a/b", 3, true)).containsExactly("a/c/d", "b/\uFF5E", "b/\uD83D\uDE00");
    assertThat(list("p/", "p/sub/", 0, true)).containsExactly("p/sub/deep/three.txt", "p/sub/one.txt", "p/sub2");
    assertThat(list("", "z", 0, true)).isEmpty();
  }

  @Test
  void list_nonRecursive_givesImmediateChildrenAndDeduplicatedDirs() throws IOException {
    ListPage page = store.list(BUCKET, new ListQuery("p/", "", 0, false));

    assertThat(page.entries()).extracting(ListEntry::name).containsExactly("p/a.txt", "p/sub/", "p/sub2");
    assertThat(page.entries()).extracting(ListEntry::dir).containsExactly(false, true, false);
    assertThat(list("", "", 0, false)).containsExactly("a-b", "a/", "b/", "f/", "p/", "z");
    assertThat(list("", "b/", 2, false)).containsExactly("f/", "p/");
  }

  @Test
  void list_deletedObjects_leaveNoVirtualDirectories() throws IOException {
    store.delete(BUCKET, "a/b");
    store.delete(BUCKET, "a/c/d");

    assertThat(list("", "", 0, false)).containsExactly("a-b", "b/", "f/", "p/", "z");
  }

  @Test
  void list_prefixesThatNothingMatches_areEmptyListings_nulIsInvalidName() throws IOException {
    assertThat(list("../", "", 0, true)).isEmpty();
    assertThat(list("/", "", 0, false)).isEmpty();
    assertThat(list("a/../", "", 0, true)).isEmpty();
    assertThatThrownBy(() -> list("a\0", "", 0, true))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
  }

  @Test
  void list_unknownBucket_isEmpty() throws IOException {
    assertThat(store.list(Bucket.ais("none"), ListQuery.all()).entries()).isEmpty();
  }
}
