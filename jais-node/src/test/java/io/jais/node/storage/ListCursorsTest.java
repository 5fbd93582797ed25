package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Listings kept between pages: resumed pages equal rebuilt ones, changes on disk, eviction, bounded memory. */
class ListCursorsTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private ObjectStore store;
  private ObjectFiles files;

  @BeforeEach
  void setUp() throws IOException {
    store = TestObjects.twoMountpathStore(root);
    files = new ObjectFiles(store.mountpaths(), StoreOptions.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private void put(String name) throws IOException {
    store.put(BUCKET, name, ChunkedBody.of(new byte[] {1}), PutOptions.DEFAULT);
  }

  /** Every page of a listing, each asked after {@code consumed} entries of the previous one (a proxy's merge). */
  private static List<List<String>> pages(ObjectLister lister, ListQuery first, int consumed) throws IOException {
    List<List<String>> pages = new ArrayList<>();
    String after = first.startAfter();
    while (true) {
      ListPage page = lister.list(BUCKET, new ListQuery(first.prefix(), after, first.limit(), first.recursive(),
          first.metadata()));
      List<String> names = page.entries().stream().map(ListEntry::name).toList();
      pages.add(names);
      if (page.complete()) {
        return pages;
      }
      after = names.get(Math.min(consumed, names.size()) - 1);
    }
  }

  private ObjectLister lister(int maxCursors, long maxBuffered, long racyMillis) {
    return new ObjectLister(files, new ListCursors(maxCursors, maxBuffered, Duration.ofMinutes(1), racyMillis,
        System::nanoTime));
  }

  private void fillTree() throws IOException {
    for (int i = 0; i < 60; i++) {
      put(String.format("d%d/o%03d", i % 3, i));
    }
    for (String name : List.of("top", "d1/sub/x", "d1/sub/y", "dir/", "d2/", "a//b", "/lead", "d0/o005/z")) {
      put(name);
    }
  }

  /** Makes every directory under root old, so that a kept walk sees no change until one is made. */
  private void ageDirectories() throws IOException {
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path dir : paths.filter(Files::isDirectory).toList()) {
        Files.setLastModifiedTime(dir, old);
      }
    }
  }

  @Test
  void resumedPages_equalRebuiltPages_forEveryShape() throws IOException {
    fillTree();
    for (ListQuery query : List.of(new ListQuery("", "", 7, true), new ListQuery("", "", 5, false),
        new ListQuery("d1/", "", 4, false), new ListQuery("d", "d0/o030", 9, true),
        new ListQuery("", "", 6, true, false), new ListQuery("", "", 200, true), new ListQuery("d", "", 40, true))) {
      for (int consumed : new int[] {1, 3, query.limit() / 2 + 1, query.limit()}) {
        ObjectLister kept = lister(8, 1_000_000, 0);
        ObjectLister rebuilt = lister(0, 1_000_000, 0);

        List<List<String>> resumedPages = pages(kept, query, consumed);
        assertThat(resumedPages).as(query + " consumed " + consumed).isEqualTo(pages(rebuilt, query, consumed));
        // every page but the first resumes, except an empty last page after a full one that took the rest
        assertThat(kept.stats().resumed()).as(query + " consumed " + consumed)
            .isBetween((long) resumedPages.size() - 2, (long) resumedPages.size() - 1);
        assertThat(kept.stats().cursors()).isZero(); // complete listings are not kept
        assertThat(rebuilt.stats().resumed()).isZero();
      }
    }
  }

  @Test
  void keptWalk_seesNamesAddedAheadOnce_missesOnesBehind_dropsDeletedOnes() throws IOException {
    for (int i = 0; i < 40; i++) {
      put(String.format("d/o%03d", i));
    }
    ageDirectories();
    ObjectLister lister = lister(8, 1_000_000, ListCursors.RACY_MILLIS);
    ListPage first = lister.list(BUCKET, new ListQuery("", "", 10, true));
    assertThat(first.continuationToken()).isEqualTo("d/o009");

    put("d/o005x"); // behind the position
    put("d/o020x"); // ahead
    put("e/new"); // ahead, in a directory the walk has not read yet
    store.delete(BUCKET, "d/o030"); // ahead
    List<String> rest = new ArrayList<>();
    for (String after = first.continuationToken(); !after.isEmpty(); ) {
      ListPage page = lister.list(BUCKET, new ListQuery("", after, 10, true));
      page.entries().forEach(entry -> rest.add(entry.name()));
      after = page.continuationToken();
    }

    List<String> expected = new ArrayList<>();
    for (int i = 10; i < 40; i++) {
      if (i != 30) {
        expected.add(String.format("d/o%03d", i));
      }
      if (i == 20) {
        expected.add("d/o020x");
      }
    }
    expected.add("e/new");
    assertThat(rest).containsExactlyElementsOf(expected);
    assertThat(lister.stats().resumed()).isPositive();
  }

  @Test
  void aNewListingFromTheSameStart_neverResumesAnAbandonedOne() throws IOException {
    fillTree();
    ObjectLister lister = lister(8, 1_000_000, 0);
    lister.list(BUCKET, new ListQuery("", "", 3, true)); // abandoned after one page: its cursor stays
    store.delete(BUCKET, "/lead");

    ListPage again = lister.list(BUCKET, new ListQuery("", "", 3, true));
    assertThat(again.entries()).extracting(ListEntry::name).doesNotContain("/lead");
    assertThat(lister.stats().resumed()).isZero();
  }

  @Test
  void unchangedDirectory_isNotReadAgainOnResume_aChangedOneIs() throws IOException {
    for (int i = 0; i < 20; i++) {
      put(String.format("d/o%03d", i));
    }
    ageDirectories();
    Mountpath mountpath = store.mountpaths().all().get(0);
    Path objects = Fqn.contentDir(mountpath, BUCKET, Fqn.OBJECTS);
    SortedWalk walk = new SortedWalk(objects, "", "", true, ListCursors.RACY_MILLIS);
    walk.next();
    int reads = walk.reads(); // the root and d/

    walk.refresh();
    assertThat(walk.reads()).isEqualTo(reads);
    Files.writeString(objects.resolve("d/added-by-hand"), "x");
    walk.refresh();
    assertThat(walk.reads()).isEqualTo(reads + 1);
  }

  @Test
  void leastRecentlyUsedCursors_areEvictedPastTheCount_andTheirListingsRebuild() throws IOException {
    fillTree();
    ObjectLister lister = lister(2, 1_000_000, 0);
    ListPage a = lister.list(BUCKET, new ListQuery("d0/", "", 3, true)); // d0/o000, d0/o003, d0/o005/z
    lister.list(BUCKET, new ListQuery("d1/", "", 3, true));
    lister.list(BUCKET, new ListQuery("d2/", "", 3, true));
    assertThat(lister.stats().cursors()).isEqualTo(2);
    assertThat(lister.stats().evicted()).isEqualTo(1);

    ListPage next = lister.list(BUCKET, new ListQuery("d0/", a.continuationToken(), 3, true));
    assertThat(next.entries()).extracting(ListEntry::name).containsExactly("d0/o006", "d0/o009", "d0/o012");
    assertThat(lister.stats().resumed()).isZero();
  }

  @Test
  void bufferedEntries_stayWithinTheBound_aListingOverItIsNotKept() throws IOException {
    for (int i = 0; i < 100; i++) {
      put(String.format("flat/o%03d", i));
    }
    for (int i = 0; i < 20; i++) {
      put(String.format("small/o%03d", i));
    }
    ObjectLister lister = lister(8, 60, 0);
    ListPage small = lister.list(BUCKET, new ListQuery("small/", "", 5, true));
    ListCursors.Stats afterSmall = lister.stats();
    assertThat(afterSmall.cursors()).isEqualTo(1);
    // window (5) + what the walks still hold of small/ (15 after the page, 2 heads) + the root listings
    assertThat(afterSmall.buffered()).isLessThanOrEqualTo(5 + 20 + 2 * 2);

    List<List<String>> flat = pages(lister, new ListQuery("flat/", "", 10, true), 10);
    assertThat(flat.stream().mapToInt(List::size).sum()).isEqualTo(100);
    assertThat(lister.stats().buffered()).isLessThanOrEqualTo(60);
    assertThat(lister.stats().evicted()).isPositive(); // the flat listing (about 100 names) could not stay

    ListPage rest = lister.list(BUCKET, new ListQuery("small/", small.continuationToken(), 100, true));
    assertThat(rest.entries()).hasSize(15);
  }

  @Test
  void windowHoldsAtMostThePage_plusTheDirectoryListing() throws IOException {
    for (int i = 0; i < 100; i++) {
      put(String.format("flat/o%03d", i));
    }
    ObjectLister lister = lister(8, 1_000_000, 0);
    lister.list(BUCKET, new ListQuery("flat/", "", 10, true));
    // flat/'s listing (100 names over both mountpaths), each root's one entry, the page, one head per walk
    assertThat(lister.stats().buffered()).isLessThanOrEqualTo(100 + 2 + 10 + 4);
    lister.list(BUCKET, new ListQuery("flat/", "flat/o009", 10, true));
    assertThat(lister.stats().buffered()).isLessThanOrEqualTo(100 + 2 + 10 + 4);
  }

  @Test
  void idleCursors_expire() throws IOException {
    fillTree();
    AtomicLong now = new AtomicLong();
    ObjectLister lister = new ObjectLister(files, new ListCursors(8, 1_000_000, Duration.ofSeconds(60), 0, now::get));
    ListPage first = lister.list(BUCKET, new ListQuery("", "", 5, true));
    assertThat(lister.stats().cursors()).isEqualTo(1);

    now.addAndGet(Duration.ofSeconds(61).toNanos());
    ListPage second = lister.list(BUCKET, new ListQuery("", first.continuationToken(), 5, true));
    assertThat(lister.stats().resumed()).isZero();
    assertThat(second.entries()).hasSize(5);
  }

  @Test
  void destroyedBucket_dropsItsCursors() throws IOException {
    fillTree();
    store.list(BUCKET, new ListQuery("", "", 5, true));
    store.destroyBucket(BUCKET);
    assertThat(store.list(BUCKET, new ListQuery("", "top", 5, true)).entries()).isEmpty();
  }

  @Test
  void nameOnly_readsNoMetadata_soAnObjectWithCorruptMetadataIsListed() throws IOException {
    put("good");
    put("bad");
    Path bad = TestObjects.allFiles(root).stream().filter(p -> p.getFileName().toString().equals("bad")).findFirst()
        .orElseThrow();
    Files.getFileAttributeView(bad, UserDefinedFileAttributeView.class)
        .write(LomStore.XATTR, ByteBuffer.wrap(new byte[] {'J', 'L', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    store.close();
    store = TestObjects.twoMountpathStore(root);

    assertThat(store.list(BUCKET, new ListQuery("", "", 0, true, false)).entries()).extracting(ListEntry::name)
        .containsExactly("bad", "good");
    assertThat(store.list(BUCKET, new ListQuery("", "", 0, true, true)).entries()).extracting(ListEntry::name)
        .containsExactly("good");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void nativeCalls_areInUseOnLinux() {
    assertThat(NativeFs.available()).isTrue();
  }
}
