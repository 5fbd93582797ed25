package io.jais.node.objects;

/** What {@link ObjectService#putReplica} does when the object is already on this target. */
public enum ReplicaMode {
  /** The replica replaces it (a rebalance or a restore moving the authoritative copy here). */
  REPLACE,
  /**
   * The object in place wins and the replica is dropped: it was written here after the replica
   * left its source, so it is the newer one (a misplaced object pulled while a client PUT it).
   */
  KEEP_EXISTING
}
