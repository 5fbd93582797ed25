package io.jais.node.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.Provider;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetaOwnerTest {
  @TempDir Path dir;

  private MetaOwner<Bmd> owner(String file) throws Exception {
    return MetaOwner.load(new MetaStore<>(dir.resolve(file), Bmd.class), Bmd.empty());
  }

  private static Bmd withBucket(Bmd bmd, String name) {
    return bmd.withBucket(Bucket.ais(name), BucketProps.defaults(Provider.AIS));
  }

  @Test
  void update_derivesNextVersion_persistsBeforePublishing() throws Exception {
    MetaOwner<Bmd> primary = owner("bmd.json");
    List<Long> seenByListeners = new ArrayList<>();
    primary.onChange((before, after) -> {
      seenByListeners.add(after.version());
      assertThat(Files.exists(dir.resolve("bmd.json"))).as("persisted before listeners run").isTrue();
    });
    primary.update("c1", b -> withBucket(b, "a"));
    primary.update("c1", b -> withBucket(b, "b"));
    assertThat(primary.get().version()).isEqualTo(2);
    assertThat(primary.get().uuid()).isEqualTo("c1");
    assertThat(seenByListeners).containsExactly(1L, 2L);
    assertThat(owner("bmd.json").get()).isEqualTo(primary.get());
  }

  @Test
  void update_noChange_keepsVersion() throws Exception {
    MetaOwner<Bmd> primary = owner("bmd.json");
    Bmd first = primary.update("c1", b -> withBucket(b, "a"));
    assertThat(primary.update("c1", b -> b)).isSameAs(first);
  }

  /** Property: whatever order versions arrive in, a receiver ends at the newest and never goes back. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void accept_versionsInAnyOrder_onlyMovesForward(long seed) throws Exception {
    MetaOwner<Bmd> primary = owner("primary.json");
    List<Bmd> versions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int n = i;
      versions.add(primary.update("c1", b -> withBucket(b, "bucket-" + n)));
    }
    List<Bmd> shuffled = new ArrayList<>(versions);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
    }
    MetaOwner<Bmd> receiver = owner("receiver-" + seed + ".json");
    long highest = 0;
    for (Bmd incoming : shuffled) {
      boolean applied = receiver.accept(incoming);
      assertThat(applied).isEqualTo(incoming.version() > highest);
      highest = Math.max(highest, incoming.version());
      assertThat(receiver.get().version()).isEqualTo(highest);
    }
    assertThat(receiver.get()).isEqualTo(primary.get());
  }

  @Test
  void accept_otherClustersDocument_isRefusedWithConflict() throws Exception {
    MetaOwner<Bmd> receiver = owner("bmd.json");
    receiver.accept(withBucket(Bmd.empty(), "a").withVersion("c1", 5));
    Bmd foreign = withBucket(Bmd.empty(), "x").withVersion("c2", 99);
    assertThatThrownBy(() -> receiver.accept(foreign))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(receiver.get().version()).isEqualTo(5);
    assertThat(owner("bmd.json").get().uuid()).isEqualTo("c1");
  }
}
