package io.jais.node.ec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import org.junit.jupiter.api.Test;

class DeletedObjectsTest {
  private final Bucket bucket = Bucket.ais("b");

  @Test
  void aDeletedWrite_andOlderOnes_areNotRebuilt_newerOnesAre() {
    DeletedObjects deleted = new DeletedObjects();
    deleted.deleted(bucket, "o", 100);

    assertThat(deleted.isDeleted(bucket, "o", 100)).isTrue();
    assertThat(deleted.isDeleted(bucket, "o", 99)).isTrue();
    assertThat(deleted.isDeleted(bucket, "o", 101)).isFalse();
    assertThat(deleted.isDeleted(bucket, "other", 1)).isFalse();
  }

  @Test
  void aWriteAfterTheDelete_forgetsIt_andAnUnknownDeleteCoversEveryWrite() {
    DeletedObjects deleted = new DeletedObjects();
    deleted.deleted(bucket, "o", 100);
    deleted.written(bucket, "o");
    assertThat(deleted.isDeleted(bucket, "o", 50)).isFalse();

    deleted.deleted(bucket, "u", Long.MAX_VALUE);
    assertThat(deleted.isDeleted(bucket, "u", Long.MAX_VALUE - 1)).isTrue();
  }

  @Test
  void isBounded_theOldestGoFirst() {
    DeletedObjects deleted = new DeletedObjects();
    for (int i = 0; i <= DeletedObjects.CAPACITY; i++) {
      deleted.deleted(bucket, "o" + i, 10);
    }
    assertThat(deleted.isDeleted(bucket, "o0", 10)).isFalse();
    assertThat(deleted.isDeleted(bucket, "o" + DeletedObjects.CAPACITY, 10)).isTrue();
  }
}
