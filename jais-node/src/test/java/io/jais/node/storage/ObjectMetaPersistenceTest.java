package io.jais.node.storage;

import static io.jais.node.storage.TestObjects.randomBytes;
import static io.jais.node.storage.TestObjects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where metadata lives (xattr or sidecar), how corruption shows, and how atimes are buffered. */
class ObjectMetaPersistenceTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private Mountpaths mountpaths;
  private final AtomicLong clockNanos = new AtomicLong(1_000_000_000_000L);
  private final InstantSource clock = () -> Instant.ofEpochSecond(0, clockNanos.get());

  @BeforeEach
  void setUp() throws IOException {
    mountpaths = Mountpaths.open(List.of(root.resolve("mp1")));
  }

  private ObjectStore store(StoreOptions options) {
    return new ObjectStore(mountpaths, options.withClock(clock).withAtimeFlushInterval(Duration.ZERO));
  }

  private Fqn fqn(String name) {
    return Fqn.of(mountpaths.forObject(BUCKET, name), BUCKET, name);
  }

  private static List<String> xattrNames(Path file) throws IOException {
    return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list();
  }

  @Test
  void put_default_storesMetadataInXattrOnly() throws IOException {
    store(StoreOptions.DEFAULT).put(BUCKET, "o", ChunkedBody.of(new byte[9]), PutOptions.DEFAULT);

    assertThat(xattrNames(fqn("o").path())).containsExactly(LomStore.XATTR);
    assertThat(fqn("o").sidecarPath()).doesNotExist();
  }

  @Test
  void put_sidecarForced_roundTripsThroughAFreshStore() throws IOException {
    StoreOptions sidecars = StoreOptions.DEFAULT.withXattrs(false);
    byte[] data = randomBytes(500, 1);
    ObjectMeta stored = store(sidecars).put(BUCKET, "d/o", ChunkedBody.of(data),
        PutOptions.DEFAULT.withCustom(Map.of("k", "v")));

    assertThat(fqn("d/o").sidecarPath()).isRegularFile();
    assertThat(xattrNames(fqn("d/o").path())).isEmpty();
    ObjectStore fresh = store(sidecars);
    assertThat(fresh.head(BUCKET, "d/o")).contains(stored);
    assertThat(readAll(fresh.open(BUCKET, "d/o", true))).isEqualTo(data);
    assertThat(fresh.list(BUCKET, ListQuery.all()).entries()).extracting(ListEntry::name).containsExactly("d/o");

    fresh.delete(BUCKET, "d/o");
    assertThat(fqn("d/o").sidecarPath()).doesNotExist();
  }

  @Test
  void setCustom_tooLargeForXattr_spillsToSidecarAndBack() throws IOException {
    ObjectStore store = store(StoreOptions.DEFAULT);
    store.put(BUCKET, "o", ChunkedBody.of(new byte[3]), PutOptions.DEFAULT);

    store.setCustom(BUCKET, "o", Map.of("big", "x".repeat(5000)), false);
    assertThat(fqn("o").sidecarPath()).isRegularFile();
    assertThat(xattrNames(fqn("o").path())).doesNotContain(LomStore.XATTR);
    assertThat(store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow().custom().get("big")).hasSize(5000);

    store.setCustom(BUCKET, "o", Map.of("small", "y"), true);
    assertThat(fqn("o").sidecarPath()).doesNotExist();
    assertThat(store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow().custom()).isEqualTo(Map.of("small", "y"));
  }

  @Test
  void head_corruptXattr_treatsObjectAsMissing() throws IOException {
    store(StoreOptions.DEFAULT).put(BUCKET, "o", ChunkedBody.of(new byte[3]), PutOptions.DEFAULT);
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(fqn("o").path(), UserDefinedFileAttributeView.class);
    ByteBuffer value = ByteBuffer.allocate(view.size(LomStore.XATTR));
    view.read(LomStore.XATTR, value);
    value.put(5, (byte) (value.get(5) ^ 1)).flip();
    view.write(LomStore.XATTR, value);

    ObjectStore fresh = store(StoreOptions.DEFAULT);
    assertThat(fresh.head(BUCKET, "o")).isEmpty();
    assertThatThrownBy(() -> fresh.open(BUCKET, "o", false))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void head_fileGrownOutOfBand_treatsObjectAsMissing() throws IOException {
    store(StoreOptions.DEFAULT).put(BUCKET, "o", ChunkedBody.of(new byte[3]), PutOptions.DEFAULT);
    Files.write(fqn("o").path(), new byte[1], StandardOpenOption.APPEND);

    assertThat(store(StoreOptions.DEFAULT).head(BUCKET, "o")).isEmpty();
  }

  @Test
  void open_validateChecksumOnBitRot_isChecksumMismatch() throws IOException {
    store(StoreOptions.DEFAULT).put(BUCKET, "o", ChunkedBody.of(randomBytes(1000, 3)), PutOptions.DEFAULT);
    try (FileChannel channel = FileChannel.open(fqn("o").path(), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {42}), 500); // same size, different bytes
    }
    ObjectStore fresh = store(StoreOptions.DEFAULT);

    assertThatThrownBy(() -> fresh.open(BUCKET, "o", true))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH))
        .hasMessageContaining("ais://b/o");
    assertThat(readAll(fresh.open(BUCKET, "o", false))).hasSize(1000);
  }

  @Test
  void open_recordsAtimeInMemoryUntilFlushed() throws IOException {
    ObjectStore store = store(StoreOptions.DEFAULT);
    ObjectMeta put = store.put(BUCKET, "o", ChunkedBody.of(new byte[3]), PutOptions.DEFAULT);
    clockNanos.addAndGet(5_000);

    OpenedObject opened = store.open(BUCKET, "o", false);
    opened.close();

    long accessed = put.atimeNanos() + 5_000;
    assertThat(opened.meta().atimeNanos()).isEqualTo(accessed);
    assertThat(store.head(BUCKET, "o").orElseThrow().atimeNanos()).isEqualTo(accessed);
    assertThat(store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow().atimeNanos()).isEqualTo(put.atimeNanos());

    assertThat(store.flushAtimes()).isEqualTo(1);
    assertThat(store.flushAtimes()).isZero();
    ObjectMeta onDisk = store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow();
    assertThat(onDisk.atimeNanos()).isEqualTo(accessed);
    assertThat(onDisk.mtimeNanos()).isEqualTo(put.mtimeNanos());
  }

  @Test
  void close_withBufferedAtime_writesIt() throws IOException {
    ObjectStore store = store(StoreOptions.DEFAULT);
    store.put(BUCKET, "o", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);
    clockNanos.addAndGet(3_000);
    store.open(BUCKET, "o", false).close();

    store.close();

    assertThat(store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow().atimeNanos()).isEqualTo(clockNanos.get());
  }

  @Test
  void backgroundFlush_shortInterval_writesAtimeWithoutExplicitFlush() throws Exception {
    ObjectStore store = new ObjectStore(mountpaths,
        StoreOptions.DEFAULT.withClock(clock).withAtimeFlushInterval(Duration.ofMillis(10)));
    try (store) {
      store.put(BUCKET, "o", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);
      clockNanos.addAndGet(9_000);
      store.open(BUCKET, "o", false).close();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow().atimeNanos() != clockNanos.get()) {
        assertThat(System.nanoTime()).as("atime flushed within 10 s").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void open_cacheEvictsDirtyEntry_writesItsAtime() throws IOException {
    ObjectStore store = store(StoreOptions.DEFAULT.withMetaCacheEntries(1));
    store.put(BUCKET, "a", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);
    store.put(BUCKET, "b", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);
    clockNanos.addAndGet(7_000);

    store.open(BUCKET, "a", false).close();
    store.open(BUCKET, "b", false).close(); // evicts "a"

    assertThat(store(StoreOptions.DEFAULT).head(BUCKET, "a").orElseThrow().atimeNanos()).isEqualTo(clockNanos.get());
  }

  @Test
  void flushAtimes_objectOverwrittenMeanwhile_keepsTheNewVersion() throws IOException {
    ObjectStore store = store(StoreOptions.DEFAULT);
    ObjectStore other = store(StoreOptions.DEFAULT); // a second cache: plays an overwrite it cannot see
    store.put(BUCKET, "o", ChunkedBody.of(new byte[1]), PutOptions.DEFAULT);
    store.open(BUCKET, "o", false).close();
    clockNanos.addAndGet(1);
    other.put(BUCKET, "o", ChunkedBody.of(new byte[2]), PutOptions.DEFAULT);

    store.flushAtimes();

    ObjectMeta onDisk = store(StoreOptions.DEFAULT).head(BUCKET, "o").orElseThrow();
    assertThat(onDisk.size()).isEqualTo(2);
    assertThat(onDisk.version()).isEqualTo("2");
  }
}
