package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import org.junit.jupiter.api.Test;

class ObjectLocksTest {
  @Test
  void of_sameObject_returnsSameStripe() {
    ObjectLocks locks = new ObjectLocks();

    assertThat(locks.of(new ObjectKey(Bucket.ais("b"), "o")))
        .isSameAs(locks.of(new ObjectKey(Bucket.ais(new String("b")), new String("o"))));
  }

  @Test
  void of_namesSharingAPrefix_spreadOverStripes() {
    ObjectLocks locks = new ObjectLocks(64);
    Set<ReadWriteLock> used = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      used.add(locks.of(new ObjectKey(Bucket.ais("train"), "shard-" + i + ".tar")));
    }
    assertThat(used).hasSize(64);
  }

  @Test
  void constructor_nonPowerOfTwo_isRejected() {
    assertThatThrownBy(() -> new ObjectLocks(1000)).isInstanceOf(IllegalArgumentException.class);
  }
}
