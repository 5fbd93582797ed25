package io.jais.node.job.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.config.LruConf;
import io.jais.node.storage.Mountpath;
import org.junit.jupiter.api.Test;

class LruPlanTest {
  private static final long GIB = 1L << 30;

  @Test
  void bytesToFree_belowHighWatermark_isNothing() {
    assertThat(LruPlan.bytesToFree(new Mountpath.Capacity(100 * GIB, 89 * GIB, 11 * GIB), 75, 90)).isZero();
    assertThat(LruPlan.bytesToFree(new Mountpath.Capacity(0, 0, 0), 75, 90)).isZero();
  }

  @Test
  void bytesToFree_atOrAboveHighWatermark_downToTheLowOne() {
    assertThat(LruPlan.bytesToFree(new Mountpath.Capacity(100 * GIB, 90 * GIB, 10 * GIB), 75, 90)).isEqualTo(15 * GIB);
    assertThat(LruPlan.bytesToFree(new Mountpath.Capacity(100 * GIB, 99 * GIB, GIB), 75, 90)).isEqualTo(24 * GIB);
  }

  @Test
  void evictable_neverAisBuckets_remoteOnlyWithLruEnabledOrForced() {
    Bucket ais = Bucket.ais("local");
    Bucket s3 = new Bucket("cloud", Provider.AWS, Namespace.GLOBAL);
    Bucket remoteAis = new Bucket("r", Provider.AIS, new Namespace("remote-cluster", ""));
    BucketProps lruOn = props(true);
    BucketProps lruOff = props(false);

    assertThat(LruPlan.evictable(ais, lruOn, true)).isFalse();
    assertThat(LruPlan.evictable(s3, lruOn, false)).isTrue();
    assertThat(LruPlan.evictable(s3, lruOff, false)).isFalse();
    assertThat(LruPlan.evictable(s3, lruOff, true)).isTrue();
    assertThat(LruPlan.evictable(remoteAis, lruOn, false)).isTrue();
  }

  private static BucketProps props(boolean lru) {
    BucketProps base = BucketProps.defaults(Provider.AWS);
    return new BucketProps(base.provider(), base.backendBck(), base.writePolicy(), base.checksum(), base.rateLimit(),
        base.ec(), base.chunks(), base.mirror(), new LruConf("2h", "10m", lru), base.access(), base.features(), 0, 0,
        base.versioning(), "");
  }

  @Test
  void selector_leastRecentlyUsedFirst_justEnoughToCoverTheGoal() {
    LruPlan.Selector selector = new LruPlan.Selector(250, 1_000);
    Bucket b = Bucket.ais("b");
    // offered in any order: atime 500 (100 B), 100 (100 B), 900 (100 B), 300 (100 B), 700 (100 B)
    for (long atime : new long[] {500, 100, 900, 300, 700}) {
      selector.offer(new LruPlan.Candidate(b, "o" + atime, 100, atime));
    }

    assertThat(selector.selected()).extracting(LruPlan.Candidate::name).containsExactly("o100", "o300", "o500");
  }

  @Test
  void selector_recentlyUsedObjects_stay_andNothingToFreeSelectsNothing() {
    LruPlan.Selector selector = new LruPlan.Selector(1_000, 1_000);
    Bucket b = Bucket.ais("b");
    selector.offer(new LruPlan.Candidate(b, "old", 10, 999));
    selector.offer(new LruPlan.Candidate(b, "recent", 10, 1_001));

    assertThat(selector.selected()).extracting(LruPlan.Candidate::name).containsExactly("old");

    LruPlan.Selector idle = new LruPlan.Selector(0, 1_000);
    idle.offer(new LruPlan.Candidate(b, "any", 10, 1));
    assertThat(idle.selected()).isEmpty();
  }
}
