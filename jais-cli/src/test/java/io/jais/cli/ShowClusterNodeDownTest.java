package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import org.junit.jupiter.api.Test;

/** {@code show cluster} while a target is down but still in the cluster map (its own cluster: it stops a node). */
@JaisCluster(targets = 2)
class ShowClusterNodeDownTest {
  @Test
  void showCluster_targetDown_isUnreachableAndTheOthersStillReport(LocalCluster cluster) {
    String down = cluster.targets().get(1).snode().id();
    String up = cluster.targets().get(0).snode().id();
    cluster.stopTarget(1);

    Cli.Result result = new Cli(cluster.endpoint()).run("show", "cluster", "target");

    assertThat(result.status()).as(result.toString()).isZero();
    // STATUS appears (last, as in ais) because a node is not online
    assertThat(result.out()).containsPattern("TARGET +MEM USED\\(%\\) +MEM AVAIL +CAP USED\\(%\\) +CAP AVAIL +UPTIME +STATUS")
        .containsPattern("t\\[" + down + "\\] +- +- +- +- +- +unreachable")
        .containsPattern("t\\[" + up + "\\] +\\d+\\.\\d\\d% .* online");
    assertThat(result.err()).isEmpty();
  }
}
