package io.jais.node.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which objects a rebalance moves: exactly those whose HRW owner changed, each to its new owner. */
class RebalancePlanTest {
  private static final Bucket BUCKET = Bucket.ais("plan");
  private static final int OBJECTS = 20_000;

  private static Snode target(int i) {
    return Snode.of("t" + i, NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 9000 + i));
  }

  private static Smap smap(Snode... targets) {
    Smap smap = Smap.empty();
    for (Snode t : targets) {
      smap = smap.withNode(t);
    }
    return smap;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>(OBJECTS);
    for (int i = 0; i < OBJECTS; i++) {
      names.add("dir-" + (i % 37) + "/object-" + i);
    }
    return names;
  }

  /** For every object, where the plan of its current holder (its owner under {@code before}) sends it. */
  private static Map<String, Snode> moves(Smap before, Smap after) {
    Map<String, Snode> moves = new HashMap<>();
    for (String name : names()) {
      Snode holder = before.owner(BUCKET, name);
      Snode to = RebalancePlan.of(after, holder.id()).destination(BUCKET, name);
      if (to != null) {
        moves.put(name, to);
      }
    }
    return moves;
  }

  @Test
  void join_movesExactlyTheObjectsTheNewTargetsOwn_toThem() {
    Smap three = smap(target(1), target(2), target(3));
    Smap five = smap(target(1), target(2), target(3), target(4), target(5));
    Map<String, Snode> moves = moves(three, five);
    for (String name : names()) {
      Snode oldOwner = three.owner(BUCKET, name);
      Snode newOwner = five.owner(BUCKET, name);
      if (oldOwner.id().equals(newOwner.id())) {
        assertThat(moves).as(name).doesNotContainKey(name);
      } else {
        assertThat(moves.get(name)).as(name).isEqualTo(newOwner);
        assertThat(newOwner.id()).as("HRW moves objects only to the new targets").isIn("t4", "t5");
      }
    }
    // 2 of 5 targets are new: about 40 % of the objects move, and no more
    assertThat(moves.size()).isBetween(OBJECTS * 36 / 100, OBJECTS * 44 / 100);
  }

  @Test
  void leave_movesNothingBetweenTheTargetsThatStay() {
    Smap three = smap(target(1), target(2), target(3));
    Smap two = smap(target(1), target(3));
    for (String name : names()) {
      Snode holder = three.owner(BUCKET, name);
      Snode to = RebalancePlan.of(two, holder.id()).destination(BUCKET, name);
      if (holder.id().equals("t2")) {
        assertThat(to).as("the leaving target's objects go to their new owner").isEqualTo(two.owner(BUCKET, name));
      } else {
        assertThat(to).as("%s stays on %s", name, holder.id()).isNull();
      }
    }
  }

  @Test
  void maintenance_evacuatesTheFlaggedTarget_andNothingElse() {
    Smap three = smap(target(1), target(2), target(3));
    Smap flagged = three.withNode(target(2).withFlags(4)); // maintenance
    RebalancePlan evacuating = RebalancePlan.of(flagged, "t2");
    assertThat(evacuating.evacuates()).isTrue();
    assertThat(RebalancePlan.of(flagged, "t1").evacuates()).isFalse();
    for (String name : names()) {
      Snode holder = three.owner(BUCKET, name);
      Snode to = RebalancePlan.of(flagged, holder.id()).destination(BUCKET, name);
      if (holder.id().equals("t2")) {
        assertThat(to).isNotNull();
        assertThat(to.id()).isIn("t1", "t3");
      } else {
        assertThat(to).isNull();
      }
    }
  }

  @Test
  void sameTargets_moveNothing_andNoTargets_moveNothing() {
    Smap three = smap(target(1), target(2), target(3));
    assertThat(moves(three, three)).isEmpty();
    assertThat(RebalancePlan.of(Smap.empty(), "t1").destination(BUCKET, "x")).isNull();
  }
}
