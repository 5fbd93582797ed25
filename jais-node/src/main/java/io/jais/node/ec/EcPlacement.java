package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.hash.Hrw;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an object's slices live: the active targets ranked by HRW weight for the object's name
 * (AIS's formula, the one that picks the owner), the owner first; slice i (1..D+P) on the i-th
 * target after the owner, replica j (1..P) of a small object likewise. Anyone holding the Smap
 * computes the same ranking.
 */
final class EcPlacement {
  private EcPlacement() {}

  /** Every active target, highest weight (the owner) first; ties as {@link Hrw#owner}: the later one wins. */
  static List<Snode> ranked(Smap smap, Bucket bucket, String name) {
    long key = Hrw.keyDigest(bucket.uname(name));
    List<Snode> targets = smap.activeTargets();
    List<Ranked> ranked = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      ranked.add(new Ranked(targets.get(i), Hrw.mix(targets.get(i).idDigest() ^ key), i));
    }
    ranked.sort(Comparator.comparing(Ranked::weight, Long::compareUnsigned).thenComparingInt(Ranked::order).reversed());
    return ranked.stream().map(Ranked::node).toList();
  }

  /** The holders of slices 1..count (or replicas), in order: the targets after the owner. */
  static List<Snode> holders(Smap smap, Bucket bucket, String name, int count) {
    List<Snode> ranked = ranked(smap, bucket, name);
    return ranked.size() <= count ? null : ranked.subList(1, count + 1);
  }

  private record Ranked(Snode node, long weight, int order) {}
}
