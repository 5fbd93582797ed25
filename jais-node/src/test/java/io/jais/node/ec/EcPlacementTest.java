package io.jais.node.ec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EcPlacementTest {
  private static Smap smapOf(int targets) {
    Smap smap = Smap.empty();
    for (int i = 0; i < targets; i++) {
      smap = smap.withNode(Snode.of("t" + i, NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 9000 + i)));
    }
    return smap;
  }

  @Test
  void ranking_startsWithTheHrwOwner_andNamesEveryTargetOnce() {
    Smap smap = smapOf(7);
    Bucket bucket = Bucket.ais("b");
    for (int i = 0; i < 500; i++) {
      String name = "obj-" + i;
      List<Snode> ranked = EcPlacement.ranked(smap, bucket, name);
      assertThat(ranked.getFirst()).isEqualTo(smap.owner(bucket, name));
      assertThat(new HashSet<>(ranked)).hasSize(7);
      // each next one is the owner among those left: HRW order
      List<Snode> left = new ArrayList<>(smap.activeTargets());
      for (Snode next : ranked) {
        assertThat(next).isEqualTo(Smap.owner(left, bucket, name));
        left.remove(next);
      }
    }
  }

  @Test
  void holders_areTheTargetsAfterTheOwner_orNoneWhenTooFew() {
    Smap smap = smapOf(4);
    Bucket bucket = Bucket.ais("b");
    List<Snode> ranked = EcPlacement.ranked(smap, bucket, "x");
    assertThat(EcPlacement.holders(smap, bucket, "x", 3)).isEqualTo(ranked.subList(1, 4));
    assertThat(EcPlacement.holders(smap, bucket, "x", 4)).as("2+2 needs 5 targets").isNull();
  }

  @Test
  void slicesSpreadOverTargets() {
    Smap smap = smapOf(5);
    Bucket bucket = Bucket.ais("b");
    Set<String> firstHolders = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      firstHolders.add(EcPlacement.holders(smap, bucket, "o" + i, 3).getFirst().id());
    }
    assertThat(firstHolders).hasSize(5);
  }
}
