package io.jais.node.storage;

import static io.jais.node.storage.TestObjects.filesUnder;
import static io.jais.node.storage.TestObjects.randomBytes;
import static io.jais.node.storage.TestObjects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas (objects stored with the metadata they arrived with) and conditional deletes. */
class ReplicaPutTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private ObjectStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = TestObjects.twoMountpathStore(root, StoreOptions.DEFAULT.withXattrs(false)); // sidecars: the harder path
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static ObjectMeta metaOf(byte[] data, ChecksumType type, String version) {
    return new ObjectMeta(data.length, Checksummer.compute(type, data), version, 1_234_567_890_123L, 987_654_321L,
        Map.of("ETag", "\"e\"", "k", "a=b, c"), List.of());
  }

  @Test
  void putReplica_storesEveryFieldAsGiven_andSurvivesARestart() throws IOException {
    byte[] data = randomBytes(100_000, 1);
    ObjectMeta meta = metaOf(data, ChecksumType.SHA256, "41");

    assertThat(store.putReplica(BUCKET, "r", ChunkedBody.of(data, 4096), meta, true, false)).contains(meta);

    store.close();
    store = TestObjects.twoMountpathStore(root, StoreOptions.DEFAULT.withXattrs(false));
    assertThat(store.head(BUCKET, "r")).contains(meta);
    assertThat(readAll(store.open(BUCKET, "r", true))).isEqualTo(data);
  }

  @Test
  void putReplica_replace_overwritesALaterVersion() throws IOException {
    store.put(BUCKET, "r", ChunkedBody.of(new byte[] {1}), PutOptions.DEFAULT);
    store.put(BUCKET, "r", ChunkedBody.of(new byte[] {2}), PutOptions.DEFAULT);
    byte[] data = randomBytes(10, 2);
    ObjectMeta meta = metaOf(data, ChecksumType.XXHASH2, "1");

    store.putReplica(BUCKET, "r", ChunkedBody.of(data), meta, true, false);

    assertThat(store.head(BUCKET, "r")).contains(meta);
  }

  @Test
  void putReplica_keepExisting_dropsTheReplica() throws IOException {
    ObjectMeta existing = store.put(BUCKET, "r", ChunkedBody.of(new byte[] {1}), PutOptions.DEFAULT);
    byte[] data = randomBytes(10, 3);

    assertThat(store.putReplica(BUCKET, "r", ChunkedBody.of(data), metaOf(data, ChecksumType.MD5, "9"), false, false))
        .isEmpty();

    assertThat(store.head(BUCKET, "r")).contains(existing);
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void putReplica_bodyNotMatchingItsMetadata_storesNothing() throws IOException {
    byte[] data = randomBytes(10_000, 4);
    ObjectMeta meta = metaOf(data, ChecksumType.CRC32C, "2");
    byte[] flipped = data.clone();
    flipped[5000] ^= 1;

    assertThatThrownBy(() -> store.putReplica(BUCKET, "r", ChunkedBody.of(flipped), meta, true, false))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_DIGEST));
    assertThatThrownBy(() -> store.putReplica(BUCKET, "r", ChunkedBody.of(new byte[9_999]), meta, true, false))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> store.putReplica(BUCKET, "r", ChunkedBody.truncated(data), meta, true, false))
        .isInstanceOf(EOFException.class);

    assertThat(store.head(BUCKET, "r")).isEmpty();
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void deleteIfSame_deletesOnlyTheWriteItNames() throws IOException {
    ObjectMeta first = store.put(BUCKET, "d", ChunkedBody.of(new byte[] {1}), PutOptions.DEFAULT);
    ObjectMeta second = store.put(BUCKET, "d", ChunkedBody.of(new byte[] {1}), PutOptions.DEFAULT);
    store.setCustom(BUCKET, "d", Map.of("k", "v"), false); // custom metadata is no new write

    assertThat(store.deleteIfSame(BUCKET, "d", first)).as("overwritten since").isEmpty();
    assertThat(store.head(BUCKET, "d")).isPresent();
    assertThat(store.deleteIfSame(BUCKET, "d", second)).isPresent();
    assertThat(store.head(BUCKET, "d")).isEmpty();
    assertThatThrownBy(() -> store.deleteIfSame(BUCKET, "d", second))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void delete_returnsTheDeletedObjectsMetadata() throws IOException {
    ObjectMeta meta = store.put(BUCKET, "d", ChunkedBody.of(new byte[] {1, 2}), PutOptions.DEFAULT);

    assertThat(store.delete(BUCKET, "d")).contains(meta);
  }

  @Test
  void openUntouched_keepsTheAccessTime() throws IOException {
    ObjectMeta meta = store.put(BUCKET, "u", ChunkedBody.of(new byte[] {1, 2}), PutOptions.DEFAULT);

    readAll(store.openUntouched(BUCKET, "u"));

    assertThat(store.head(BUCKET, "u").orElseThrow().atimeNanos()).isEqualTo(meta.atimeNanos());
  }
}
