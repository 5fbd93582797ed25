package io.jais.it;

import static io.jais.it.TestBytes.MIB;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectAttrs;
import io.jais.client.JaisClient;
import io.jais.client.PutOptions;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object operation of the native API through the Java SDK (docs/native-api.md#objects), on 3
 * targets.
 */
@JaisCluster(proxies = 2, targets = 3)
class ClientObjectIT {
  private static final Bucket BUCKET = Bucket.ais("objects");
  private static final Bucket OTHER = Bucket.ais("objects-other");

  private final JaisClient client;

  ClientObjectIT(JaisClient client) {
    this.client = client;
  }

  @BeforeAll
  static void createBuckets(JaisClient client) {
    client.buckets().create(BUCKET);
    client.buckets().create(OTHER);
  }

  private static ErrorCode codeOf(Runnable call) {
    try {
      call.run();
    } catch (JaisException e) {
      return e.code();
    }
    throw new AssertionError("expected a JaisException");
  }

  @Test
  void putBytes_thenGet_returnsSameBytesAndAttrs() {
    byte[] data = TestBytes.random(11, 300_000);

    ObjectAttrs put = client.objects().put(BUCKET, "bytes", data);

    assertThat(client.objects().get(BUCKET, "bytes")).isEqualTo(data);
    assertThat(put.size()).isEqualTo(data.length);
    ObjectAttrs head = client.objects().head(BUCKET, "bytes");
    assertThat(head.size()).isEqualTo(data.length);
    assertThat(head.checksumType()).isEqualTo("xxhash2");
    assertThat(head.checksumValue()).isEqualTo(TestBytes.xxhash(data));
    assertThat(head.version()).isEqualTo("1");
    assertThat(head.present()).isTrue();
    assertThat(head.custom()).isEmpty();
  }

  @Test
  void putFile_64MiB_readBackToFileHasSameChecksum(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("source.bin");
    long size = 64L * MIB;
    String checksum = TestBytes.writeRandomFile(source, 64, size);

    client.objects().put(BUCKET, "big/64mib", source);

    ObjectAttrs head = client.objects().head(BUCKET, "big/64mib");
    assertThat(head.size()).isEqualTo(size);
    assertThat(head.checksumValue()).isEqualTo(checksum);
    Path copy = dir.resolve("copy.bin");
    client.objects().get(BUCKET, "big/64mib", copy);
    assertThat(Files.size(copy)).isEqualTo(size);
    assertThat(TestBytes.xxhash(copy)).isEqualTo(checksum);
    try (InputStream in = client.objects().open(BUCKET, "big/64mib")) {
      assertThat(TestBytes.xxhash(in)).isEqualTo(checksum);
    }
  }

  @Test
  void putStream_unknownLength_isSentChunkedAndStoredWhole() throws Exception {
    long size = 8L * MIB + 12_345;
    String checksum;
    try (InputStream expected = TestBytes.stream(5, size)) {
      checksum = TestBytes.xxhash(expected);
    }

    try (InputStream in = TestBytes.stream(5, size)) {
      client.objects().put(BUCKET, "chunked", in, -1);
    }

    ObjectAttrs head = client.objects().head(BUCKET, "chunked");
    assertThat(head.size()).isEqualTo(size);
    assertThat(head.checksumValue()).isEqualTo(checksum);
    try (InputStream in = client.objects().open(BUCKET, "chunked")) {
      assertThat(TestBytes.xxhash(in)).isEqualTo(checksum);
    }
  }

  @Test
  void putStream_knownLength_storesExactlyThatMany() {
    byte[] data = TestBytes.random(6, 100_000);

    client.objects().put(BUCKET, "stream-known", new ByteArrayInputStream(data), data.length);

    assertThat(client.objects().get(BUCKET, "stream-known")).isEqualTo(data);
  }

  @Test
  void putStream_shorterThanLength_failsAndStoresNothing() {
    byte[] data = TestBytes.random(7, 1000);

    assertThatThrownBy(() -> client.objects().put(BUCKET, "stream-short", new ByteArrayInputStream(data), 5000))
        .isInstanceOf(JaisException.class);

    assertThat(client.objects().headIfExists(BUCKET, "stream-short")).isEmpty();
  }

  @Test
  void put_emptyObject_isStoredWithSizeZero() {
    client.objects().put(BUCKET, "empty", new byte[0]);

    assertThat(client.objects().get(BUCKET, "empty")).isEmpty();
    ObjectAttrs head = client.objects().head(BUCKET, "empty");
    assertThat(head.size()).isZero();
    assertThat(head.checksumValue()).isEqualTo(TestBytes.xxhash(new byte[0]));
    assertThat(client.buckets().listNames(BUCKET, "empty")).containsExactly("empty");
  }

  @Test
  void getRange_variousRanges_returnsTheSlices() {
    byte[] data = TestBytes.random(8, 1000);
    client.objects().put(BUCKET, "ranged", data);

    assertThat(client.objects().get(BUCKET, "ranged", 5, 96)).isEqualTo(Arrays.copyOfRange(data, 5, 101));
    assertThat(client.objects().get(BUCKET, "ranged", 5, -1)).isEqualTo(Arrays.copyOfRange(data, 5, 1000));
    assertThat(client.objects().get(BUCKET, "ranged", 990, 100)).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
    assertThat(client.objects().get(BUCKET, "ranged", 0, 1)).containsExactly(data[0]);
    assertThat(client.objects().get(BUCKET, "ranged", 999, 1)).containsExactly(data[999]);
  }

  @Test
  void getRange_offsetPastEnd_failsWithRangeNotSatisfiable() {
    client.objects().put(BUCKET, "ranged-short", new byte[10]);

    assertThat(codeOf(() -> client.objects().get(BUCKET, "ranged-short", 10, 5)))
        .isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
  }

  @Test
  void open_streamReadInSmallSteps_returnsWholeObject() throws Exception {
    byte[] data = TestBytes.random(9, 777_777);
    client.objects().put(BUCKET, "opened", data);

    byte[] read;
    try (InputStream in = client.objects().open(BUCKET, "opened")) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] step = new byte[1000];
      for (int n = in.read(step); n >= 0; n = in.read(step)) {
        out.write(step, 0, n);
      }
      read = out.toByteArray();
    }

    assertThat(read).isEqualTo(data);
  }

  @Test
  void put_overwrite_incrementsVersionAndReplacesContent() {
    client.objects().put(BUCKET, "versioned", "one".getBytes(UTF_8));
    assertThat(client.objects().head(BUCKET, "versioned").version()).isEqualTo("1");

    client.objects().put(BUCKET, "versioned", "two".getBytes(UTF_8));
    client.objects().put(BUCKET, "versioned", "three".getBytes(UTF_8));

    ObjectAttrs head = client.objects().head(BUCKET, "versioned");
    assertThat(head.version()).isEqualTo("3");
    assertThat(head.size()).isEqualTo(5);
    assertThat(client.objects().get(BUCKET, "versioned")).isEqualTo("three".getBytes(UTF_8));
  }

  @Test
  void head_afterPut_hasAtimeNearNowAndLocationOfTheOwner() {
    long before = System.currentTimeMillis() * 1_000_000L;
    client.objects().put(BUCKET, "timed", new byte[] {1, 2, 3});
    long after = System.currentTimeMillis() * 1_000_000L;

    ObjectAttrs head = client.objects().head(BUCKET, "timed");

    assertThat(head.atimeNanos()).isBetween(before - 2_000_000_000L, after + 2_000_000_000L);
    String owner = client.cluster().owner(BUCKET, "timed").id();
    assertThat(head.location()).startsWith("t[" + owner + "]:");
  }

  @Test
  void delete_existingObject_isGoneEverywhere() {
    client.objects().put(BUCKET, "doomed", new byte[] {1});

    client.objects().delete(BUCKET, "doomed");

    assertThat(codeOf(() -> client.objects().head(BUCKET, "doomed"))).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
    assertThat(codeOf(() -> client.objects().get(BUCKET, "doomed"))).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
    assertThat(codeOf(() -> client.objects().delete(BUCKET, "doomed"))).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
    assertThat(client.objects().headIfExists(BUCKET, "doomed")).isEmpty();
    assertThat(client.buckets().listNames(BUCKET, "doomed")).isEmpty();
  }

  @Test
  void get_missingObject_failsWithObjectNotFoundNamingIt() {
    assertThatThrownBy(() -> client.objects().get(BUCKET, "never-written"))
        .isInstanceOfSatisfying(JaisException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND))
        .hasMessageContaining("ais://objects/never-written");
  }

  @Test
  void put_withCustomMetadata_isReportedByHeadAndGetKeepsIt() {
    PutOptions options = PutOptions.NONE.withCustom(Map.of("owner", "alice", "label", "cat"));

    client.objects().put(BUCKET, "custom-put", new byte[] {1}, options);

    assertThat(client.objects().head(BUCKET, "custom-put").custom())
        .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "alice", "label", "cat"));
  }

  @Test
  void setCustom_merge_addsAndOverwritesKeys() {
    client.objects().put(BUCKET, "custom-merge", new byte[] {1},
        PutOptions.NONE.withCustom(Map.of("a", "1", "b", "2")));

    client.objects().setCustom(BUCKET, "custom-merge", Map.of("b", "20", "c", "30"), false);

    assertThat(client.objects().head(BUCKET, "custom-merge").custom())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "20", "c", "30"));
    assertThat(client.objects().get(BUCKET, "custom-merge")).containsExactly(1);
  }

  @Test
  void setCustom_replace_dropsOldKeys() {
    client.objects().put(BUCKET, "custom-replace", new byte[] {1},
        PutOptions.NONE.withCustom(Map.of("a", "1", "b", "2")));

    client.objects().setCustom(BUCKET, "custom-replace", Map.of("c", "3"), true);

    assertThat(client.objects().head(BUCKET, "custom-replace").custom())
        .containsExactlyInAnyOrderEntriesOf(Map.of("c", "3"));
  }

  @Test
  void setCustom_missingObject_failsWithObjectNotFound() {
    assertThat(codeOf(() -> client.objects().setCustom(BUCKET, "custom-missing", Map.of("a", "1"), false)))
        .isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
  }

  @Test
  void append_beforeFlush_readersSeeOldContent_afterFlush_concatenation() {
    client.objects().put(BUCKET, "appended", "C".getBytes(UTF_8));

    String handle = client.objects().append(BUCKET, "appended", "", "A1".getBytes(UTF_8));
    handle = client.objects().append(BUCKET, "appended", handle, "A2".getBytes(UTF_8));
    handle = client.objects().append(BUCKET, "appended", handle, "A3".getBytes(UTF_8));

    assertThat(handle).isNotEmpty();
    assertThat(client.objects().get(BUCKET, "appended")).isEqualTo("C".getBytes(UTF_8));
    assertThat(client.objects().head(BUCKET, "appended").size()).isEqualTo(1);

    client.objects().flush(BUCKET, "appended", handle);

    byte[] expected = "CA1A2A3".getBytes(UTF_8);
    assertThat(client.objects().get(BUCKET, "appended")).isEqualTo(expected);
    ObjectAttrs head = client.objects().head(BUCKET, "appended");
    assertThat(head.size()).isEqualTo(expected.length);
    assertThat(head.checksumValue()).isEqualTo(TestBytes.xxhash(expected));
  }

  @Test
  void append_toNewObject_createsItOnFlush() {
    String handle = client.objects().append(BUCKET, "appended-new", "", "x".getBytes(UTF_8));
    assertThat(client.objects().headIfExists(BUCKET, "appended-new")).isEmpty();

    handle = client.objects().append(BUCKET, "appended-new", handle, "y".getBytes(UTF_8));
    client.objects().flush(BUCKET, "appended-new", handle);

    assertThat(client.objects().get(BUCKET, "appended-new")).isEqualTo("xy".getBytes(UTF_8));
  }

  @Test
  void copy_withinBucket_destinationHasSameContentAndSourceRemains() {
    byte[] data = TestBytes.random(12, 50_000);
    client.objects().put(BUCKET, "copy-src", data);

    client.objects().copy(BUCKET, "copy-src", BUCKET, "copy-dst");

    assertThat(client.objects().get(BUCKET, "copy-dst")).isEqualTo(data);
    assertThat(client.objects().get(BUCKET, "copy-src")).isEqualTo(data);
    assertThat(client.objects().head(BUCKET, "copy-dst").checksumValue()).isEqualTo(TestBytes.xxhash(data));
  }

  @Test
  void copy_toAnotherBucketOnAnotherTarget_isReadableThereAndServedByItsOwner() throws Exception {
    byte[] data = TestBytes.random(13, 70_000);
    client.cluster().smap();
    String source = "xcopy-src";
    String destination = firstNameOwnedElsewhere(client.cluster().owner(BUCKET, source).id());
    client.objects().put(BUCKET, source, data);

    client.objects().copy(BUCKET, source, OTHER, destination);

    assertThat(client.objects().get(OTHER, destination)).isEqualTo(data);
    var direct = RawHttp.send("GET", client.cluster().ownerUrl(OTHER, destination).toString(), null);
    assertThat(direct.statusCode()).isEqualTo(200);
    assertThat(direct.body()).isEqualTo(data);
  }

  private String firstNameOwnedElsewhere(String sourceOwner) {
    for (int i = 0; ; i++) {
      String name = "xcopy-dst-" + i;
      if (!client.cluster().owner(OTHER, name).id().equals(sourceOwner)) {
        return name;
      }
    }
  }

  @Test
  void copy_toMissingBucket_failsWithBucketNotFound() {
    client.objects().put(BUCKET, "copy-nowhere", new byte[] {1});

    assertThatThrownBy(() -> client.objects().copy(BUCKET, "copy-nowhere", Bucket.ais("no-such-bucket"), "x"))
        .isInstanceOfSatisfying(JaisException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND))
        .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("bucket").contains("does not exist"));
  }

  @Test
  void copy_missingSource_failsWithObjectNotFound() {
    assertThat(codeOf(() -> client.objects().copy(BUCKET, "copy-ghost", OTHER, "x")))
        .isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
  }

  @Test
  void put_withCorrectExpectedChecksum_isAccepted() {
    byte[] data = TestBytes.random(14, 4096);

    client.objects().put(BUCKET, "cksum-ok", data, PutOptions.NONE.withChecksum("xxhash2", TestBytes.xxhash(data)));

    assertThat(client.objects().get(BUCKET, "cksum-ok")).isEqualTo(data);
  }

  @Test
  void put_withWrongExpectedChecksum_failsWithBadDigestAndKeepsOldObject() {
    byte[] old = "old content".getBytes(UTF_8);
    client.objects().put(BUCKET, "cksum-bad", old);
    byte[] data = TestBytes.random(15, 4096);

    assertThatThrownBy(() -> client.objects().put(BUCKET, "cksum-bad", data,
        PutOptions.NONE.withChecksum("xxhash2", "0123456789abcdef")))
        .isInstanceOfSatisfying(JaisException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_DIGEST);
          assertThat(e.status()).isEqualTo(400);
        });

    assertThat(client.objects().get(BUCKET, "cksum-bad")).isEqualTo(old);
    ObjectAttrs head = client.objects().head(BUCKET, "cksum-bad");
    assertThat(head.version()).isEqualTo("1");
    assertThat(head.checksumValue()).isEqualTo(TestBytes.xxhash(old));
  }

  @Test
  void put_withWrongExpectedChecksumOnFileBody_failsWithBadDigestAndStoresNothing(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("f.bin");
    TestBytes.writeRandomFile(file, 16, 3 * MIB);

    assertThat(codeOf(() -> client.objects().put(BUCKET, "cksum-bad-file", file,
        PutOptions.NONE.withChecksum("xxhash2", "fedcba9876543210")))).isEqualTo(ErrorCode.BAD_DIGEST);

    assertThat(client.objects().headIfExists(BUCKET, "cksum-bad-file")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"with space.txt", "q?uestion", "hash#tag", "100% sure", "a+b=c&d;e", "naïve/日本語/ファイル",
      "emoji 😀/🚀.bin", "dir/sub dir/x", "trailing space ", "tilde~and'quote\"", "%2F-literal"})
  void put_specialName_roundTripsThroughEveryCall(String name) {
    byte[] data = name.getBytes(UTF_8);

    client.objects().put(BUCKET, name, data);

    assertThat(client.objects().get(BUCKET, name)).isEqualTo(data);
    assertThat(client.objects().head(BUCKET, name).size()).isEqualTo(data.length);
    assertThat(client.buckets().listNames(BUCKET, name)).contains(name);
    client.objects().setCustom(BUCKET, name, Map.of("k", "v"), false);
    assertThat(client.objects().head(BUCKET, name).custom()).containsEntry("k", "v");
    client.objects().copy(BUCKET, name, OTHER, name);
    assertThat(client.objects().get(OTHER, name)).isEqualTo(data);
    client.objects().delete(BUCKET, name);
    assertThat(client.objects().headIfExists(BUCKET, name)).isEmpty();
    assertThat(client.objects().get(OTHER, name)).isEqualTo(data);
  }

  @Test
  void put_nameWithComponentOverFilesystemLimit_roundTripsAndListsByItsFullName() {
    String name = "long/" + "\u00e9".repeat(150) + "/leaf"; // a 300-byte component
    String key1024 = "k".repeat(1024);
    byte[] data = name.getBytes(UTF_8);

    client.objects().put(BUCKET, name, data);
    client.objects().put(BUCKET, key1024, new byte[] {1});
    client.objects().put(BUCKET, "long/a", new byte[] {2});

    assertThat(client.objects().get(BUCKET, name)).isEqualTo(data);
    assertThat(client.objects().head(BUCKET, key1024).size()).isEqualTo(1);
    assertThat(client.buckets().listNames(BUCKET, "long/")).containsExactly("long/a", name);
    assertThat(client.buckets().listNames(BUCKET, "k")).containsExactly(key1024);
    client.objects().copy(BUCKET, name, OTHER, name);
    assertThat(client.objects().get(OTHER, name)).isEqualTo(data);
    client.objects().delete(BUCKET, name);
    assertThat(client.objects().headIfExists(BUCKET, name)).isEmpty();
    assertThat(codeOf(() -> client.objects().put(BUCKET, key1024 + "k", new byte[0])))
        .isEqualTo(ErrorCode.INVALID_NAME);
  }

  /** Names S3 stores that a file path cannot hold, through the native API: stored escaped, listed by their names. */
  @Test
  void namesAPathCannotHold_putGetHeadListCopyDelete() {
    Bucket bucket = Bucket.ais("objects-odd-names");
    client.buckets().create(bucket);
    List<String> names = List.of("dir/", "dir/f", "a//b", "/lead", "a/../b", "p/q", "p/q/r", "m/n/o", "m/n");
    for (String name : names) {
      client.objects().put(bucket, name, name.getBytes(UTF_8));
    }
    for (String name : names) {
      assertThat(client.objects().get(bucket, name)).as(name).isEqualTo(name.getBytes(UTF_8));
      assertThat(client.objects().head(bucket, name).size()).as(name).isEqualTo(name.length());
    }
    assertThat(client.buckets().listNames(bucket, "")).containsExactly(
        "/lead", "a/../b", "a//b", "dir/", "dir/f", "m/n", "m/n/o", "p/q", "p/q/r");
    assertThat(nonRecursive(bucket, "")).containsExactly("/ dir", "a/ dir", "dir/ dir", "m/ dir", "p/ dir");
    assertThat(nonRecursive(bucket, "dir/")).containsExactly("dir/", "dir/f");
    assertThat(nonRecursive(bucket, "p/")).containsExactly("p/q", "p/q/ dir");
    assertThat(nonRecursive(bucket, "a/")).containsExactly("a/../ dir", "a// dir");
    assertThat(client.buckets().listNames(bucket, "/")).containsExactly("/lead");
    assertThat(client.buckets().listNames(bucket, "nothing/")).isEmpty();

    client.objects().copy(bucket, "dir/", bucket, "copy//of/");
    assertThat(client.objects().get(bucket, "copy//of/")).isEqualTo("dir/".getBytes(UTF_8));
    for (String name : names) {
      client.objects().delete(bucket, name);
      assertThat(client.objects().headIfExists(bucket, name)).as(name).isEmpty();
    }
    assertThat(client.buckets().listNames(bucket, "")).containsExactly("copy//of/");
    assertThat(codeOf(() -> client.objects().put(bucket, "nul\0", new byte[0]))).isEqualTo(ErrorCode.INVALID_NAME);
  }

  /** A NO_RECURSION listing: names, directories marked " dir". */
  private List<String> nonRecursive(Bucket bucket, String prefix) {
    ListObjectsMsg message = ListObjectsMsg.of(prefix, 0).withFlags(ListFlags.NO_RECURSION);
    try (var entries = client.buckets().list(bucket, message)) {
      return entries.map(e -> e.isDir() ? e.name() + " dir" : e.name()).toList();
    }
  }

  @Test
  void put_namesDifferingOnlyInEncoding_areDistinctObjects() {
    List<String> names = List.of("x%20y", "x y", "x+y");
    for (String name : names) {
      client.objects().put(BUCKET, "enc/" + name, name.getBytes(UTF_8));
    }

    for (String name : names) {
      assertThat(client.objects().get(BUCKET, "enc/" + name)).isEqualTo(name.getBytes(UTF_8));
    }
    assertThat(client.buckets().listNames(BUCKET, "enc/")).containsExactlyInAnyOrder("enc/x%20y", "enc/x y", "enc/x+y");
  }

  @Test
  void objectCalls_missingBucket_failWithBucketNotFound() {
    Bucket missing = Bucket.ais("objects-missing");

    assertThat(codeOf(() -> client.objects().get(missing, "o"))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.objects().head(missing, "o"))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.objects().delete(missing, "o"))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
  }
}
