package io.jais.node.ec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.Mountpaths;
import io.jais.node.storage.ObjectMeta;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceStoreTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path dir;
  private SliceStore store;

  @BeforeEach
  void open() throws IOException {
    Files.createDirectories(dir.resolve("mp1"));
    Files.createDirectories(dir.resolve("mp2"));
    store = new SliceStore(Mountpaths.open(List.of(dir.resolve("mp1"), dir.resolve("mp2"))));
  }

  private static ObjectMeta object(long size, String version, long mtime) {
    return new ObjectMeta(size, new Checksum(ChecksumType.XXHASH2, "abc" + version), version, 1, mtime,
        Map.of("k", "v"), List.of());
  }

  private static ByteBufSource bytes(byte[] data) {
    return new ByteBufSource() {
      private boolean sent;

      @Override
      public ByteBuf next() {
        if (sent) {
          return null;
        }
        sent = true;
        return Unpooled.wrappedBuffer(data);
      }

      @Override
      public long declaredLength() {
        return data.length;
      }
    };
  }

  @Test
  void aShortDataSlice_isPaddedWithZeros_andKeepsTheObjectsMetadata() throws IOException {
    ObjectMeta meta = object(11, "1", 100);
    SliceMeta slice = SliceMeta.of("name", meta, 2, 1, 2); // slice size 6, the second holds 5 bytes
    assertThat(store.put(BUCKET, slice, bytes("hello".getBytes()))).isTrue();
    StoredSlice held = store.list(BUCKET, "name").getFirst();
    assertThat(held.meta().sliceSize()).isEqualTo(6);
    assertThat(Arrays.copyOf(Files.readAllBytes(held.file()), 6)).isEqualTo(new byte[] {'h', 'e', 'l', 'l', 'o', 0});
    assertThat(held.meta().objectMeta()).isEqualTo(meta);
    assertThat(SliceStore.verify(held)).isTrue();
  }

  @Test
  void aSliceLongerThanItsSize_isRefused_andLeavesNothing() {
    SliceMeta slice = SliceMeta.of("name", object(4, "1", 100), 2, 1, 1); // 2 bytes per slice
    assertThatThrownBy(() -> store.put(BUCKET, slice, bytes(new byte[3]))).isInstanceOf(IOException.class);
    assertThat(listQuietly("name")).isEmpty();
  }

  @Test
  void aNewerWrite_replacesEverySliceOfTheOlder_andAnOlderOneIsDropped() throws IOException {
    store.put(BUCKET, SliceMeta.of("o", object(4, "1", 100), 2, 1, 1), bytes(new byte[2]));
    store.put(BUCKET, SliceMeta.of("o", object(4, "1", 100), 2, 1, 3), bytes(new byte[2]));
    assertThat(store.list(BUCKET, "o")).hasSize(2);
    store.put(BUCKET, SliceMeta.of("o", object(4, "2", 200), 2, 1, 2), bytes(new byte[2]));
    assertThat(store.list(BUCKET, "o")).singleElement().satisfies(s -> assertThat(s.meta().version()).isEqualTo("2"));
    assertThat(store.put(BUCKET, SliceMeta.of("o", object(4, "1", 100), 2, 1, 1), bytes(new byte[2]))).isFalse();
    assertThat(store.list(BUCKET, "o")).singleElement().satisfies(s -> assertThat(s.meta().index()).isEqualTo(2));
  }

  @Test
  void delete_removesGenerationsUpToTheDeletedOne_only() throws IOException {
    store.put(BUCKET, SliceMeta.of("o", object(4, "3", 300), 2, 1, 1), bytes(new byte[2]));
    assertThat(store.delete(BUCKET, "o", SliceMeta.Generation.of(object(4, "2", 200)))).isZero();
    assertThat(store.list(BUCKET, "o")).hasSize(1);
    assertThat(store.delete(BUCKET, "o", SliceMeta.Generation.of(object(4, "3", 300)))).isEqualTo(1);
    assertThat(store.list(BUCKET, "o")).isEmpty();
  }

  @Test
  void aFlippedByte_failsVerification() throws IOException {
    store.put(BUCKET, SliceMeta.of("o", object(8, "1", 100), 2, 1, 1), bytes(new byte[] {1, 2, 3, 4}));
    StoredSlice held = store.list(BUCKET, "o").getFirst();
    try (RandomAccessFile file = new RandomAccessFile(held.file().toFile(), "rw")) {
      file.seek(2);
      file.write(99);
    }
    assertThat(SliceStore.verify(held)).isFalse();
  }

  @Test
  void aFileThatIsNoSlice_isNotListed() throws IOException {
    store.put(BUCKET, SliceMeta.of("o", object(8, "1", 100), 2, 1, 1), bytes(new byte[4]));
    Path file = store.list(BUCKET, "o").getFirst().file();
    Files.write(file, new byte[] {1, 2, 3});
    assertThat(store.list(BUCKET, "o")).isEmpty();
  }

  private List<StoredSlice> listQuietly(String name) {
    try {
      return store.list(BUCKET, name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
