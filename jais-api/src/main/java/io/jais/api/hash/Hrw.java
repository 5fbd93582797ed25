package io.jais.api.hash;

import java.util.Collection;
import java.util.function.ToLongFunction;

/**
 * Highest-random-weight (rendezvous) placement, exactly as AIS and its Python SDK compute it
 * (docs/architecture.md#placement): the owner of a key is the candidate maximizing {@code
 * mix(candidate.digest ^
 * xxh64(key, HRW_SEED))}, compared unsigned. Because the choice depends only on the key and the
 * candidate set, any node or client computes the same owner, and adding a candidate moves only
 * the keys it wins.
 *
 * <p>It lives in jais-api, not in the node, because clients compute it too: the AIS SDK's direct
 * reads and {@code JaisClient.cluster().owner()} must pick the target the proxy redirects to.
 */
public final class Hrw {
  private Hrw() {}

  /** Digest of an object's uname (or any key) for placement. */
  public static long keyDigest(String uname) {
    return Xxh64.hash(uname, Xxh64.HRW_SEED);
  }

  /** Digest of a node ID: the Smap's {@code id_digest}. */
  public static long nodeDigest(String nodeId) {
    return Xxh64.hash(nodeId, Xxh64.HRW_SEED);
  }

  /**
   * The candidate that owns the key digest, or null if there are none. Ties (astronomically rare)
   * go to the last candidate, as in AIS.
   */
  public static <T> T owner(Collection<T> candidates, ToLongFunction<T> digestOf, long keyDigest) {
    T best = null;
    long bestWeight = 0;
    for (T candidate : candidates) {
      long weight = mix(digestOf.applyAsLong(candidate) ^ keyDigest);
      if (best == null || Long.compareUnsigned(weight, bestWeight) >= 0) {
        best = candidate;
        bestWeight = weight;
      }
    }
    return best;
  }

  /** AIS's xoshiro-based 64-bit mixer (docs/architecture.md#placement). */
  public static long mix(long x) {
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
