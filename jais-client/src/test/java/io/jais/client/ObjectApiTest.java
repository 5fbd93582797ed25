package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.hash.Xxh64;
import io.jais.api.object.ObjectAttrs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectApiTest {
  private static final Bucket BUCKET = Bucket.ais("objs");

  private FakeAis fake;
  private JaisClient client;
  private ObjectApi objects;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAis();
    fake.addBucket(BUCKET);
    client = JaisClient.create(fake.proxyUrl());
    objects = client.objects();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void put_bytes_returnsServerAttributes() {
    ObjectAttrs attrs = objects.put(BUCKET, "a.txt", bytes("hello"));

    assertThat(attrs.name()).isEqualTo("a.txt");
    assertThat(attrs.size()).isEqualTo(5);
    assertThat(attrs.checksumType()).isEqualTo("xxhash2");
    assertThat(attrs.checksumValue()).isEqualTo(Xxh64.hex(Xxh64.hash(bytes("hello"), 0)));
    assertThat(attrs.version()).isEqualTo("1");
  }

  @Test
  void head_objectWithCustomMetadata_parsesEveryHeader() {
    objects.put(BUCKET, "m", bytes("12345678"), PutOptions.NONE.withCustom(Map.of("k1", "v1", "k2", "v=2")));

    ObjectAttrs attrs = objects.head(BUCKET, "m");

    assertThat(attrs).isEqualTo(new ObjectAttrs("m", 8, "xxhash2", Xxh64.hex(Xxh64.hash(bytes("12345678"), 0)),
        1755700000123456789L, "1", Map.of("k1", "v1", "k2", "v=2"), true, "t[tFake8081]:/mp1"));
  }

  @Test
  void put_wrongChecksum_throwsBadDigest() {
    PutOptions options = PutOptions.NONE.withChecksum("xxhash2", "0000000000000000");

    assertThatThrownBy(() -> objects.put(BUCKET, "c", bytes("data"), options))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_DIGEST));
    assertThat(fake.seenBy("target").getFirst().header("Ais-Checksum-Type")).isEqualTo("xxhash2");
  }

  @Test
  void put_secondTime_bumpsVersion() {
    objects.put(BUCKET, "v", bytes("1"));

    assertThat(objects.put(BUCKET, "v", bytes("2")).version()).isEqualTo("2");
  }

  @Test
  void put_file_uploadsItsContent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.bin");
    byte[] data = new byte[300_000];
    new Random(1).nextBytes(data);
    Files.write(file, data);

    ObjectAttrs attrs = objects.put(BUCKET, "file", file);

    assertThat(attrs.size()).isEqualTo(data.length);
    assertThat(fake.objects.get(BUCKET.uname("file")).data()).isEqualTo(data);
  }

  @Test
  void put_missingFile_throwsUncheckedIo(@TempDir Path dir) {
    assertThatThrownBy(() -> objects.put(BUCKET, "f", dir.resolve("nope")))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("nope");
  }

  @Test
  void get_range_returnsSlice() {
    objects.put(BUCKET, "r", bytes("0123456789"));

    assertThat(objects.get(BUCKET, "r", 2, 3)).isEqualTo(bytes("234"));
    assertThat(objects.get(BUCKET, "r", 7, -1)).isEqualTo(bytes("789"));
    assertThat(objects.get(BUCKET, "r", 8, 100)).isEqualTo(bytes("89"));
    assertThat(fake.seenBy("target").getLast().header("Range")).isEqualTo("bytes=8-107");
  }

  @Test
  void get_rangeIgnoredByServer_cutsFullReplyLocally() {
    fake.failNext(200, "application/octet-stream", "0123456789", Map.of());

    assertThat(objects.get(BUCKET, "r", 3, 4)).isEqualTo(bytes("3456"));
  }

  @Test
  void get_rangePastEnd_throwsRangeNotSatisfiable() {
    objects.put(BUCKET, "r", bytes("0123"));

    assertThatThrownBy(() -> objects.get(BUCKET, "r", 10, 2)).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
  }

  @Test
  void get_toPath_streamsLargeObjectToDisk(@TempDir Path dir) throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 7];
    new Random(2).nextBytes(data);
    fake.addObject(BUCKET, "big/obj", data);
    Path destination = dir.resolve("out.bin");
    Files.write(destination, bytes("old content"));

    objects.get(BUCKET, "big/obj", destination);

    assertThat(Files.readAllBytes(destination)).isEqualTo(data);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(destination);
    }
  }

  @Test
  void get_toPathMissingObject_leavesDestinationAlone(@TempDir Path dir) throws Exception {
    Path destination = dir.resolve("out.bin");
    Files.write(destination, bytes("old"));

    assertThatThrownBy(() -> objects.get(BUCKET, "missing", destination)).isInstanceOf(JaisException.class);

    assertThat(Files.readAllBytes(destination)).isEqualTo(bytes("old"));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(destination);
    }
  }

  @Test
  void open_existingObject_streamsContent() throws Exception {
    fake.addObject(BUCKET, "s", bytes("streamed"));

    try (InputStream in = objects.open(BUCKET, "s")) {
      assertThat(in.readAllBytes()).isEqualTo(bytes("streamed"));
    }
  }

  @Test
  void headIfExists_missingObject_returnsEmpty() {
    assertThat(objects.headIfExists(BUCKET, "none")).isEmpty();
  }

  @Test
  void headIfExists_missingBucket_throwsBucketNotFound() {
    assertThatThrownBy(() -> objects.headIfExists(Bucket.ais("nobucket"), "x")).isInstanceOfSatisfying(
        JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND));
  }

  @Test
  void delete_existingObject_removesIt() {
    fake.addObject(BUCKET, "d", bytes("x"));

    objects.delete(BUCKET, "d");

    assertThat(fake.objects).doesNotContainKey(BUCKET.uname("d"));
  }

  @Test
  void setCustom_mergeThenReplace_updatesMetadata() {
    objects.put(BUCKET, "c", bytes("x"), PutOptions.NONE.withCustom(Map.of("a", "1")));

    objects.setCustom(BUCKET, "c", Map.of("b", "2"), false);
    assertThat(objects.head(BUCKET, "c").custom()).isEqualTo(Map.of("a", "1", "b", "2"));

    objects.setCustom(BUCKET, "c", Map.of("z", "9"), true);
    assertThat(objects.head(BUCKET, "c").custom()).isEqualTo(Map.of("z", "9"));
    FakeAis.Seen patch = fake.seenBy("target").stream().filter(s -> s.method().equals("PATCH")).toList().getLast();
    assertThat(patch.query()).containsEntry("set-new-custom", "true");
    assertThat(new String(patch.body(), StandardCharsets.UTF_8)).isEqualTo("{\"action\":\"\",\"name\":\"\",\"value\":{\"z\":\"9\"}}");
  }

  @Test
  void appendThenFlush_existingObject_concatenates() {
    objects.put(BUCKET, "log", bytes("C"));

    String handle = objects.append(BUCKET, "log", "", bytes("A1"));
    handle = objects.append(BUCKET, "log", handle, bytes("A2"));
    assertThat(objects.get(BUCKET, "log")).isEqualTo(bytes("C"));
    objects.flush(BUCKET, "log", handle);

    assertThat(handle).isNotEmpty();
    assertThat(objects.get(BUCKET, "log")).isEqualTo(bytes("CA1A2"));
  }

  @Test
  void copy_toOtherBucket_sendsObjectToUname() {
    Bucket dst = Bucket.ais("dst");
    fake.addBucket(dst);
    objects.put(BUCKET, "src", bytes("copy me"));

    objects.copy(BUCKET, "src", dst, "new name");

    assertThat(objects.get(dst, "new name")).isEqualTo(bytes("copy me"));
    assertThat(fake.seenBy("proxy").stream().filter(s -> s.method().equals("PUT")).toList().getLast().query())
        .containsEntry("object_to", "ais/@#/dst/new name");
  }

  @Test
  void copy_missingDestinationBucket_throwsBucketNotFound() {
    objects.put(BUCKET, "src", bytes("x"));

    assertThatThrownBy(() -> objects.copy(BUCKET, "src", Bucket.ais("nodst"), "y"))
        .isInstanceOfSatisfying(JaisException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
          assertThat(e.getMessage()).contains("bucket").contains("does not exist");
        });
  }

  @Test
  void putAndGet_manyThreadsOneClient_allSucceed() throws Exception {
    try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      var futures = IntStream.range(0, 64).mapToObj(i -> executor.submit(() -> {
        objects.put(BUCKET, "t/" + i, bytes("v" + i));
        return new String(objects.get(BUCKET, "t/" + i), StandardCharsets.UTF_8);
      })).toList();
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void put_streamShorterThanLength_throwsInvalidArgument() throws Exception {
    try (HeaderOnlyRedirector proxy = new HeaderOnlyRedirector(fake.targetUrl());
        JaisClient viaRedirector = JaisClient.create(proxy.url())) {
      InputStream shortStream = new ByteArrayInputStream(bytes("abc"));

      assertThatThrownBy(() -> viaRedirector.objects().put(BUCKET, "short", shortStream, 10))
          .isInstanceOfSatisfying(JaisException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("ended after 3 of 10 bytes");
          });
    }
  }
}
