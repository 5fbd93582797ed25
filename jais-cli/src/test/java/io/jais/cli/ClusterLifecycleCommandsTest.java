package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import io.jais.testkit.JaisCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@JaisCluster(proxies = 2, targets = 2)
class ClusterLifecycleCommandsTest {
  private final LocalCluster cluster;

  ClusterLifecycleCommandsTest(LocalCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void maintenance_onAndOff_throughANonPrimaryProxy() {
    Cli cli = new Cli(nonPrimary().url());
    String target = cluster.targets().get(0).snode().id();

    Cli.Result on = cli.run("cluster", "add-remove-nodes", "start-maintenance", target);
    assertThat(on.status()).as(on.toString()).isZero();
    assertThat(on.out()).contains("Node \"" + target + "\" is in maintenance");
    assertThat(cluster.primary().state().smap().node(target).inMaintenance()).isTrue();

    Cli.Result off = cli.run("cluster", "add-remove-nodes", "stop-maintenance", target);
    assertThat(off.status()).as(off.toString()).isZero();
    assertThat(cluster.primary().state().smap().node(target).isActive()).isTrue();

    Cli.Result again = cli.run("cluster", "add-remove-nodes", "stop-maintenance", target);
    assertThat(again.status()).isNotZero();
    assertThat(again.err()).contains("is not in maintenance");
  }

  @Test
  void setPrimary_movesTheRole_andBack() throws Exception {
    Node first = cluster.primary();
    Node other = nonPrimary();
    Cli cli = new Cli(first.url());

    Cli.Result moved = cli.run("cluster", "set-primary", other.snode().id());
    assertThat(moved.status()).as(moved.toString()).isZero();
    Await.until("the other proxy is primary", Duration.ofSeconds(20), () -> other.isPrimary() && !first.isPrimary());

    Cli.Result back = cli.run("cluster", "set-primary", first.snode().id()); // sent to the old one: forwarded
    assertThat(back.status()).as(back.toString()).isZero();
    Await.until("the first proxy is primary again", Duration.ofSeconds(20), () -> first.isPrimary() && !other.isPrimary());
    cluster.awaitStable(Duration.ofSeconds(20));

    Cli.Result unknown = cli.run("cluster", "set-primary", "nosuchnode");
    assertThat(unknown.status()).isNotZero();
    assertThat(unknown.err()).contains("nosuchnode");
  }

  @Test
  void shutdownWithoutYes_doesNothing() {
    Cli.Result result = new Cli(cluster.endpoint()).run("cluster", "shutdown");
    assertThat(result.status()).isNotZero();
    assertThat(result.err()).contains("--yes");
    assertThat(cluster.nodes()).allMatch(node -> !node.isClosed());
  }

  private Node nonPrimary() {
    Node primary = cluster.primary();
    return cluster.proxies().stream().filter(p -> p != primary).findFirst().orElseThrow();
  }
}
