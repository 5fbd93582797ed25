package io.jais.node.rebalance;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import java.util.List;

/**
 * Which of a target's objects a rebalance moves, and where: exactly those whose HRW owner among
 * the targets eligible to own objects (the Smap's active targets) is another target; each goes to
 * that owner. Objects this target owns stay. Pure: the same targets give the same answer on every
 * node, which is what lets every target plan its own part without asking anyone.
 */
public final class RebalancePlan {
  private final List<Snode> owners;
  private final String selfId;

  private RebalancePlan(List<Snode> owners, String selfId) {
    this.owners = List.copyOf(owners);
    this.selfId = selfId;
  }

  /** The plan of target {@code selfId} under {@code smap}. */
  public static RebalancePlan of(Smap smap, String selfId) {
    return new RebalancePlan(smap.activeTargets(), selfId);
  }

  /** The target the object moves to; null when it stays (this target owns it, or no target is eligible). */
  public Snode destination(Bucket bucket, String name) {
    Snode owner = Smap.owner(owners, bucket, name);
    return owner == null || owner.id().equals(selfId) ? null : owner;
  }

  /** True when this target owns nothing any more (it left the eligible set): everything moves. */
  public boolean evacuates() {
    return owners.stream().noneMatch(t -> t.id().equals(selfId));
  }

  public int owners() {
    return owners.size();
  }
}
