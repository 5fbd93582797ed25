package io.jais.client;

import io.jais.api.cluster.Snode;
import io.jais.api.hash.Xxh64;
import java.util.Collection;

/**
 * Highest-random-weight placement exactly as AIS, its Python SDK and the JAIS proxy compute it
 * (spec §22): the owner of an object is the active target maximizing
 * {@code mix(target.id_digest ^ xxh64(uname, HRW_SEED))}, compared unsigned. A client that agrees
 * with the proxy can read from the owner directly. Ties (practically impossible) go to the last
 * candidate, as in AIS.
 */
final class Hrw {
  private Hrw() {}

  /** The owner of the uname among the targets, or null when there are none. */
  static Snode owner(Collection<Snode> targets, String uname) {
    long key = Xxh64.hash(uname, Xxh64.HRW_SEED);
    Snode best = null;
    long bestWeight = 0;
    for (Snode target : targets) {
      long weight = mix(target.idDigest() ^ key);
      if (best == null || Long.compareUnsigned(weight, bestWeight) >= 0) {
        best = target;
        bestWeight = weight;
      }
    }
    return best;
  }

  /** AIS's xoshiro-based 64-bit mixer. */
  static long mix(long x) {
    long z = x + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = (z ^ (z >>> 31)) + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = (z ^ (z >>> 31)) * 5;
    return Long.rotateLeft(z, 7) * 9;
  }
}
