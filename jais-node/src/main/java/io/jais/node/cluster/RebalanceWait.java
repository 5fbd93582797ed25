package io.jais.node.cluster;

import java.time.Duration;

/**
 * What the primary waits on between flagging targets (maintenance, decommissioning) and removing or
 * stopping them: the rebalance that moves their objects to the targets that own them now, started
 * for the given Smap version. The node wires it to the primary's rebalance coordinator.
 */
@FunctionalInterface
public interface RebalanceWait {
  /**
   * Waits until the rebalance started for {@code smapVersion} (or a later one) has finished.
   *
   * @return the rebalance job's ID ("" when none ran)
   * @throws io.jais.api.error.JaisException when it failed or was aborted, or did not finish in time
   */
  String awaitFinished(long smapVersion, Duration timeout) throws InterruptedException;
}
