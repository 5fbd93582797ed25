package io.jais.node.storage;

import static io.jais.node.storage.TestObjects.filesUnder;
import static io.jais.node.storage.TestObjects.randomBytes;
import static io.jais.node.storage.TestObjects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectStoreTest {
  private static final Bucket BUCKET = Bucket.ais("b");

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


  private ObjectMeta put(String name, byte[] data) throws IOException {
    return store.put(BUCKET, name, ChunkedBody.of(data), PutOptions.DEFAULT);
  }

  private static Consumer<Throwable> code(ErrorCode expected) {
    return e -> assertThat(((JaisException) e).code()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(ChecksumType.class)
  void put_eachChecksumType_openReturnsBytesAndTheChecksum(ChecksumType type) throws IOException {
    byte[] data = randomBytes(70_001, type.ordinal());

    ObjectMeta meta =
        store.put(BUCKET, "dir/obj", ChunkedBody.of(data, 8192), PutOptions.DEFAULT.withChecksumType(type));

    assertThat(meta.size()).isEqualTo(data.length);
    assertThat(meta.checksum()).isEqualTo(Checksummer.compute(type, data));
    assertThat(meta.version()).isEqualTo("1");
    OpenedObject opened = store.open(BUCKET, "dir/obj", true);
    assertThat(opened.meta().checksum()).isEqualTo(meta.checksum());
    assertThat(readAll(opened)).isEqualTo(data);
  }

  @ParameterizedTest
  @EnumSource(ChecksumType.class)
  void put_batchedBody_gatheringWritesStoreTheBytesAndTheirChecksum(ChecksumType type)
      throws IOException {
    byte[] data = randomBytes(300_007, type.ordinal()); // chunks of 65,533: no 32-byte alignment
    ChunkedBody body = ChunkedBody.batched(data, 65_533, 3);

    ObjectMeta meta = store.put(BUCKET, "batched", body, PutOptions.DEFAULT.withChecksumType(type));

    assertThat(meta.checksum()).isEqualTo(Checksummer.compute(type, data));
    assertThat(readAll(store.open(BUCKET, "batched", true))).isEqualTo(data);
    assertThat(body.allReleased()).isTrue();
  }

  @Test
  void put_emptyBody_createsEmptyObject() throws IOException {
    ObjectMeta meta = put("empty", new byte[0]);

    assertThat(meta.size()).isZero();
    assertThat(meta.checksum().value()).isEqualTo("ef46db3751d8e999");
    assertThat(readAll(store.open(BUCKET, "empty", true))).isEmpty();
  }

  @Test
  void put_overwrite_bumpsVersionAndReplacesContent() throws IOException {
    put("o", randomBytes(10, 1));
    put("o", randomBytes(20, 2));
    ObjectMeta third = put("o", randomBytes(30, 3));

    assertThat(third.version()).isEqualTo("3");
    assertThat(store.head(BUCKET, "o")).get().extracting(ObjectMeta::version).isEqualTo("3");
    assertThat(readAll(store.open(BUCKET, "o", false))).isEqualTo(randomBytes(30, 3));
  }

  @Test
  void put_versioningDisabled_leavesVersionEmpty() throws IOException {
    ObjectMeta meta = store.put(BUCKET, "o", ChunkedBody.of(new byte[3]), PutOptions.DEFAULT.withVersioning(false));

    assertThat(meta.version()).isEmpty();
  }

  @Test
  void put_truncatedBody_keepsOldObjectAndLeavesNoWorkfile() throws IOException {
    byte[] old = randomBytes(100, 1);
    put("o", old);

    ChunkedBody body = ChunkedBody.truncated(randomBytes(1000, 2));
    assertThatThrownBy(() -> store.put(BUCKET, "o", body, PutOptions.DEFAULT)).isInstanceOf(IOException.class);

    assertThat(readAll(store.open(BUCKET, "o", true))).isEqualTo(old);
    assertThat(store.head(BUCKET, "o")).get().extracting(ObjectMeta::version).isEqualTo("1");
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
    assertThat(body.allReleased()).isTrue();
  }

  @Test
  void put_shorterThanDeclared_failsLikeTruncation() {
    ByteBufSource lying = new ByteBufSource() {
      private final ChunkedBody inner = ChunkedBody.of(new byte[10]);

      @Override
      public ByteBuf next() throws IOException {
        return inner.next();
      }

      @Override
      public long declaredLength() {
        return 11;
      }
    };
    assertThatThrownBy(() -> store.put(BUCKET, "o", lying, PutOptions.DEFAULT)).isInstanceOf(IOException.class);
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void put_wrongExpectedChecksum_isBadDigestAndChangesNothing() throws IOException {
    byte[] old = randomBytes(100, 1);
    put("o", old);
    Checksum wrong = new Checksum(ChecksumType.XXHASH2, "0000000000000000");

    assertThatThrownBy(() -> store.put(BUCKET, "o", ChunkedBody.of(randomBytes(50, 2)),
        PutOptions.DEFAULT.withExpected(wrong)))
        .satisfies(code(ErrorCode.BAD_DIGEST)).hasMessageContaining("ais://b/o");

    assertThat(readAll(store.open(BUCKET, "o", true))).isEqualTo(old);
    assertThat(store.head(BUCKET, "o")).get().extracting(ObjectMeta::version).isEqualTo("1");
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void put_expectedChecksumOfAnotherType_isValidatedAndBucketTypeStored() throws IOException {
    byte[] data = randomBytes(1000, 5);
    Checksum md5 = Checksummer.compute(ChecksumType.MD5, data);

    ObjectMeta meta = store.put(BUCKET, "o", ChunkedBody.of(data), PutOptions.DEFAULT.withExpected(md5));

    assertThat(meta.checksum()).isEqualTo(Checksummer.compute(ChecksumType.XXHASH2, data));
  }

  @Test
  void put_customMetadataAndFsync_areStored() throws IOException {
    store.put(BUCKET, "o", ChunkedBody.of(new byte[5]),
        PutOptions.DEFAULT.withCustom(Map.of("b", "2", "a", "1")).withFsync(true));

    assertThat(store.head(BUCKET, "o").orElseThrow().custom())
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void put_invalidName_isInvalidNameAndWritesNothing() {
    for (String name : new String[] {"", "nul\0", "x".repeat(1025)}) {
      assertThatThrownBy(() -> put(name, new byte[1])).satisfies(code(ErrorCode.INVALID_NAME))
          .hasMessageContaining("ais://b/");
    }
    assertThat(TestObjects.allFiles(root)).isEmpty();
  }

  @Test
  void open_missing_isNoSuchObjectWithAisMessage() throws IOException {
    assertThat(store.head(BUCKET, "nope")).isEmpty();
    assertThatThrownBy(() -> store.open(BUCKET, "nope", false))
        .satisfies(code(ErrorCode.OBJECT_NOT_FOUND)).hasMessage("ais://b/nope does not exist");
  }

  @Test
  void open_concurrentOverwrite_channelKeepsReadingTheOldVersion() throws IOException {
    byte[] old = randomBytes(5000, 1);
    put("o", old);
    OpenedObject opened = store.open(BUCKET, "o", false);

    put("o", randomBytes(7000, 2));
    store.delete(BUCKET, "o");

    assertThat(readAll(opened)).isEqualTo(old);
  }

  @Test
  void delete_existing_removesObjectAndEmptyParents() throws IOException {
    put("d1/d2/o", new byte[3]);
    Path file = Fqn.of(store.mountpathOf(BUCKET, "d1/d2/o"), BUCKET, "d1/d2/o").path();

    store.delete(BUCKET, "d1/d2/o");

    assertThat(store.head(BUCKET, "d1/d2/o")).isEmpty();
    assertThat(file.getParent().getParent()).doesNotExist();
    assertThatThrownBy(() -> store.delete(BUCKET, "d1/d2/o")).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void setCustom_mergeThenReplace_updatesOnlyCustom() throws IOException {
    ObjectMeta before =
        store.put(BUCKET, "o", ChunkedBody.of(new byte[4]), PutOptions.DEFAULT.withCustom(Map.of("a", "1")));

    ObjectMeta merged = store.setCustom(BUCKET, "o", Map.of("b", "2"), false);
    assertThat(merged.custom()).isEqualTo(Map.of("a", "1", "b", "2"));
    ObjectMeta replaced = store.setCustom(BUCKET, "o", Map.of("c", "3"), true);

    assertThat(replaced.custom()).isEqualTo(Map.of("c", "3"));
    assertThat(replaced.version()).isEqualTo(before.version());
    assertThat(replaced.checksum()).isEqualTo(before.checksum());
    assertThatThrownBy(() -> store.setCustom(BUCKET, "nope", Map.of(), false))
        .satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void copy_toOtherBucket_carriesBytesChecksumAndCustomWithNewVersion() throws IOException {
    byte[] data = randomBytes(3000, 9);
    ObjectMeta source = store.put(BUCKET, "src", ChunkedBody.of(data), PutOptions.DEFAULT.withCustom(Map.of("k", "v")));
    Bucket other = Bucket.ais("other");
    store.put(other, "dst", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);

    ObjectMeta copied = store.copy(BUCKET, "src", other, "dst");

    assertThat(copied.version()).isEqualTo("2");
    assertThat(copied.checksum()).isEqualTo(source.checksum());
    assertThat(copied.custom()).isEqualTo(Map.of("k", "v"));
    assertThat(readAll(store.open(other, "dst", true))).isEqualTo(data);
    assertThat(readAll(store.open(BUCKET, "src", true))).isEqualTo(data);
    assertThatThrownBy(() -> store.copy(BUCKET, "nope", other, "x")).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void concurrentPuts_sameName_endWithOneCompleteObject() throws Exception {
    int writers = 16;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      contents.add(randomBytes(20_000 + i * 1000, 100 + i));
    }
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ObjectMeta>> futures = new ArrayList<>();
      for (byte[] content : contents) {
        futures.add(executor.submit(() -> store.put(BUCKET, "hot", ChunkedBody.of(content, 1024), PutOptions.DEFAULT)));
      }
      List<String> versions = new ArrayList<>();
      for (Future<ObjectMeta> future : futures) {
        versions.add(future.get().version());
      }
      assertThat(versions).doesNotHaveDuplicates();
    }

    byte[] stored = readAll(store.open(BUCKET, "hot", true));
    assertThat(contents).anySatisfy(content -> assertThat(content).isEqualTo(stored));
    assertThat(store.head(BUCKET, "hot").orElseThrow().version()).isEqualTo(Integer.toString(writers));
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void open_whileOverwritten_alwaysReadsOneCompleteVersion() throws Exception {
    List<byte[]> contents = List.of(randomBytes(30_000, 1), randomBytes(40_000, 2), randomBytes(50_000, 3));
    put("o", contents.getFirst());
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> writer = executor.submit(() -> {
        for (int i = 0; i < 60; i++) {
          put("o", contents.get(i % contents.size()));
        }
        return null;
      });
      while (!writer.isDone()) {
        byte[] read = readAll(store.open(BUCKET, "o", true));
        assertThat(contents).anySatisfy(content -> assertThat(content).isEqualTo(read));
      }
      writer.get();
    }
  }

  @Test
  void cleanupWorkfiles_afterCrash_removesEveryWorkfileAndTrash() throws IOException {
    put("keep", new byte[2]);
    for (String mp : new String[] {"mp1", "mp2"}) {
      Path work = root.resolve(mp).resolve("@ais/b/%wk");
      Files.createDirectories(work);
      Files.write(work.resolve("stray-" + mp), new byte[10]);
    }
    Files.createDirectories(root.resolve("mp1/@ais/#ns/c/%wk"));
    Files.write(root.resolve("mp1/@ais/#ns/c/%wk/stray"), new byte[1]);
    Files.createDirectories(root.resolve("mp2/%trash/old/x"));

    assertThat(store.cleanupWorkfiles()).isEqualTo(3);

    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
    assertThat(root.resolve("mp2/%trash")).isEmptyDirectory();
    assertThat(store.head(BUCKET, "keep")).isPresent();
  }

  @Test
  void destroyBucket_removesContentOnEveryMountpathOnly() throws IOException {
    for (int i = 0; i < 20; i++) {
      put("o" + i, new byte[1]);
    }
    Bucket other = Bucket.ais("other");
    store.put(other, "o", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);

    store.destroyBucket(BUCKET);

    assertThat(root.resolve("mp1/@ais/b")).doesNotExist();
    assertThat(root.resolve("mp2/@ais/b")).doesNotExist();
    assertThat(store.head(BUCKET, "o1")).isEmpty();
    assertThat(store.list(BUCKET, ListQuery.all()).entries()).isEmpty();
    assertThat(store.head(other, "o")).isPresent();
  }

  @Test
  void capacity_everyMountpath_reportsItsFilesystem() throws IOException {
    assertThat(store.capacity()).hasSize(2).allSatisfy((mountpath, capacity) -> {
      assertThat(capacity.total()).isPositive();
      assertThat(capacity.available()).isBetween(0L, capacity.total());
    });
  }
}
