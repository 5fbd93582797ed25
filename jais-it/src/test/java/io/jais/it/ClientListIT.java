package io.jais.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.object.EntryFlags;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.client.JaisClient;
import io.jais.testkit.JaisCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Listing 1,000 objects spread over 3 targets through the Java SDK (docs/native-api.md#listing-objects):
 * every page size
 * returns every object exactly once, merged in UTF-8 byte order (names with supplementary
 * characters make it differ from Java's UTF-16 order), with prefix, start-after, name-only and
 * non-recursive listings.
 */
@JaisCluster(proxies = 1, targets = 3)
class ClientListIT {
  private static final Bucket BUCKET = Bucket.ais("listing");
  /** UTF-8 byte order, as AIS sorts: unsigned comparison of the encoded names. */
  private static final Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
  private static final List<String> NAMES = names();

  private final JaisClient client;

  ClientListIT(JaisClient client) {
    this.client = client;
  }

  /** 800 + 100 + 50 names under data/, 50 under u/ whose UTF-8 and UTF-16 orders differ. */
  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      names.add("data/%04d".formatted(i));
    }
    for (int i = 0; i < 100; i++) {
      names.add("data/sub/%03d".formatted(i));
    }
    for (int i = 0; i < 50; i++) {
      names.add("data/sub/deep/%02d".formatted(i));
    }
    for (int i = 0; i < 20; i++) {
      names.add("u/\uFF21-%02d".formatted(i));   // FULLWIDTH A: EF BC A1, but FF21 in UTF-16
      names.add("u/\uD83D\uDE00-%02d".formatted(i)); // emoji: F0 9F 98 80, but D83D DE00 in UTF-16
    }
    for (int i = 0; i < 10; i++) {
      names.add("u/\u00E9-%02d".formatted(i));
    }
    return List.copyOf(names);
  }

  private static List<String> sorted(Stream<String> names) {
    return names.sorted(UTF8_ORDER).toList();
  }

  @BeforeAll
  static void putObjects(JaisClient client) throws Exception {
    client.buckets().create(BUCKET);
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> puts = new ArrayList<>();
      for (String name : NAMES) {
        puts.add(pool.submit(() -> client.objects().put(BUCKET, name, name.getBytes(UTF_8))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    }
  }

  @Test
  void names_utf8AndUtf16Orders_differ() {
    List<String> utf16 = NAMES.stream().sorted().toList();

    assertThat(sorted(NAMES.stream())).isNotEqualTo(utf16);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 1000, 10_000})
  void listPages_anyPageSize_everyObjectOnceInUtf8Order(int pageSize) {
    List<String> listed = new ArrayList<>();
    ListObjectsMsg message = ListObjectsMsg.of("", pageSize);
    String uuid = null;
    while (true) {
      ListObjectsPage page = client.buckets().listPage(BUCKET, message);
      assertThat(page.uuid()).isNotEmpty();
      if (uuid != null) {
        assertThat(page.uuid()).as("session uuid").isEqualTo(uuid);
      }
      uuid = page.uuid();
      assertThat(page.entries().size()).isLessThanOrEqualTo(pageSize);
      page.entries().forEach(e -> listed.add(e.name()));
      if (page.continuationToken().isEmpty()) {
        assertThat(page.entries().size()).as("last page").isLessThan(pageSize);
        break;
      }
      assertThat(page.entries()).hasSize(pageSize);
      assertThat(page.continuationToken()).isEqualTo(page.entries().getLast().name());
      message = message.withPage(page.uuid(), page.continuationToken());
    }

    assertThat(listed).containsExactlyElementsOf(sorted(NAMES.stream()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 1000, 10_000})
  void list_sdkStream_anyPageSize_everyObjectOnceInUtf8Order(int pageSize) {
    List<String> listed;
    try (Stream<ObjectEntry> entries = client.buckets().list(BUCKET, ListObjectsMsg.of("", pageSize))) {
      listed = entries.map(ObjectEntry::name).toList();
    }

    assertThat(listed).containsExactlyElementsOf(sorted(NAMES.stream()));
  }

  @Test
  void list_defaultProps_entriesHaveSizesAndAreCached() {
    List<ObjectEntry> entries;
    try (Stream<ObjectEntry> stream = client.buckets().list(BUCKET, "data/sub/deep/")) {
      entries = stream.toList();
    }

    assertThat(entries).hasSize(50).allSatisfy(e -> {
      assertThat(e.size()).isEqualTo(e.name().getBytes(UTF_8).length);
      assertThat(e.flags() & EntryFlags.IS_CACHED).isNotZero();
      assertThat(e.flags() & EntryFlags.STATUS_MASK).isZero();
      assertThat(e.isDir()).isFalse();
    });
  }

  @Test
  void list_checksumAndVersionProps_matchTheObjects() {
    ListObjectsMsg message = ListObjectsMsg.of("u/", 0).withProps("name,size,checksum,version");
    List<ObjectEntry> entries;
    try (Stream<ObjectEntry> stream = client.buckets().list(BUCKET, message)) {
      entries = stream.toList();
    }

    assertThat(entries).hasSize(50).allSatisfy(e -> {
      assertThat(e.checksum()).isEqualTo(TestBytes.xxhash(e.name().getBytes(UTF_8)));
      assertThat(e.version()).isEqualTo("1");
    });
  }

  @Test
  void list_prefix_returnsOnlyMatchingNamesInUtf8Order() {
    assertThat(client.buckets().listNames(BUCKET, "u/"))
        .containsExactlyElementsOf(sorted(NAMES.stream().filter(n -> n.startsWith("u/"))));
    assertThat(client.buckets().listNames(BUCKET, "data/sub/"))
        .hasSize(150)
        .containsExactlyElementsOf(sorted(NAMES.stream().filter(n -> n.startsWith("data/sub/"))));
    assertThat(client.buckets().listNames(BUCKET, "data/07"))
        .containsExactlyElementsOf(sorted(NAMES.stream().filter(n -> n.startsWith("data/07"))));
    assertThat(client.buckets().listNames(BUCKET, "nothing/")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"data/0500", "data/0500x", "u/\uFF21-05", "u/\u00E9-09", "", "zzz"})
  void list_startAfter_returnsOnlyGreaterNames(String startAfter) {
    ListObjectsMsg message = ListObjectsMsg.of("", 100).withStartAfter(startAfter);
    List<String> listed;
    try (Stream<ObjectEntry> entries = client.buckets().list(BUCKET, message)) {
      listed = entries.map(ObjectEntry::name).toList();
    }

    assertThat(listed).containsExactlyElementsOf(
        sorted(NAMES.stream().filter(n -> UTF8_ORDER.compare(n, startAfter) > 0)));
  }

  @Test
  void list_startAfterWithPrefix_combinesBoth() {
    ListObjectsMsg message = ListObjectsMsg.of("data/sub/", 7).withStartAfter("data/sub/050");
    List<String> listed;
    try (Stream<ObjectEntry> entries = client.buckets().list(BUCKET, message)) {
      listed = entries.map(ObjectEntry::name).toList();
    }

    assertThat(listed).containsExactlyElementsOf(sorted(NAMES.stream()
        .filter(n -> n.startsWith("data/sub/") && UTF8_ORDER.compare(n, "data/sub/050") > 0)));
  }

  @Test
  void list_nameOnlyFlag_sizesAreZero() {
    for (String props : List.of("name", "name,size", "")) {
      ListObjectsMsg message = ListObjectsMsg.of("", 333).withProps(props).withFlags(ListFlags.NAME_ONLY);
      List<ObjectEntry> entries;
      try (Stream<ObjectEntry> stream = client.buckets().list(BUCKET, message)) {
        entries = stream.toList();
      }

      assertThat(entries).as("props \"%s\"", props).hasSize(NAMES.size())
          .allSatisfy(e -> assertThat(e.size()).isZero());
    }
  }

  @Test
  void list_noRecursionUnderPrefix_returnsChildrenAndVirtualDirs() {
    ListObjectsMsg message = ListObjectsMsg.of("data/sub/", 0).withFlags(ListFlags.NO_RECURSION);
    List<ObjectEntry> entries;
    try (Stream<ObjectEntry> stream = client.buckets().list(BUCKET, message)) {
      entries = stream.toList();
    }

    List<String> expected = new ArrayList<>(NAMES.stream()
        .filter(n -> n.startsWith("data/sub/") && n.indexOf('/', "data/sub/".length()) < 0).toList());
    expected.add("data/sub/deep/");
    assertThat(entries).extracting(ObjectEntry::name).containsExactlyElementsOf(sorted(expected.stream()));
    assertThat(entries).filteredOn(ObjectEntry::isDir).extracting(ObjectEntry::name).containsExactly("data/sub/deep/");
  }

  @Test
  void list_noRecursionAtRoot_returnsOnlyTopLevelDirsOnce() {
    ListObjectsMsg message = ListObjectsMsg.of("", 1).withFlags(ListFlags.NO_RECURSION);
    List<ObjectEntry> entries;
    try (Stream<ObjectEntry> stream = client.buckets().list(BUCKET, message)) {
      entries = stream.toList();
    }

    assertThat(entries).extracting(ObjectEntry::name).containsExactly("data/", "u/");
    assertThat(entries).allSatisfy(e -> assertThat(e.isDir()).isTrue());
  }

  @Test
  void list_noRecursionAndNoDirs_hasNoNestedObjects() {
    ListObjectsMsg message = ListObjectsMsg.of("data/", 50).withFlags(ListFlags.NO_RECURSION | ListFlags.NO_DIRS);
    List<String> listed;
    try (Stream<ObjectEntry> entries = client.buckets().list(BUCKET, message)) {
      listed = entries.map(ObjectEntry::name).toList();
    }

    assertThat(listed).doesNotHaveDuplicates()
        .containsAll(NAMES.stream().filter(n -> n.matches("data/\\d{4}")).toList())
        .noneMatch(n -> n.startsWith("data/sub/") && !n.equals("data/sub/"));
  }
}
