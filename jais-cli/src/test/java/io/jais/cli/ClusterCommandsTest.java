package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.json.WireJson;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import org.junit.jupiter.api.Test;

@JaisCluster(targets = 2)
class ClusterCommandsTest {
  private final Cli cli;

  ClusterCommandsTest(LocalCluster cluster) {
    this.cli = new Cli(cluster.endpoint());
  }

  @Test
  void showCluster_twoTargets_listsEveryNodeOnlineWithPrimaryMarked() {
    Cli.Result result = cli.run("show", "cluster");

    assertThat(result.status()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("PROXY +URL +STATUS +UPTIME")
        .containsPattern("TARGET +URL +STATUS +CAP USED % +CAP AVAIL +UPTIME")
        .containsPattern("\\[P\\] +http://127\\.0\\.0\\.1:\\d+ +online")
        .contains("n/a")
        .containsPattern("Targets: +2");
    assertThat(result.out().lines().filter(line -> line.contains(" online ")).count()).isEqualTo(3);
  }

  @Test
  void showCluster_json_isTheSmapWithNodeStatuses() throws Exception {
    Cli.Result result = cli.run("show", "cluster", "--json");

    JsonNode doc = WireJson.MAPPER.readTree(result.out());
    assertThat(doc.get("smap").get("tmap").size()).isEqualTo(2);
    assertThat(doc.get("nodes").size()).isEqualTo(3);
    assertThat(doc.get("nodes").findValuesAsText("status")).containsOnly("online");
  }

  @Test
  void showClusterTarget_onlyTargets() {
    Cli.Result result = cli.run("show", "cluster", "target");

    assertThat(result.out()).contains("TARGET").doesNotContain("PROXY").doesNotContain("Summary");
  }

  @Test
  void configCluster_setThenShow_printsTheNewValue() {
    Cli.Result set = cli.run("config", "cluster", "lru.enabled=false", "mirror.copies=3");
    Cli.Result shown = cli.run("show", "config", "cluster", "mirror");

    assertThat(set.status()).as(set.toString()).isZero();
    assertThat(set.out()).contains("Cluster config updated");
    assertThat(shown.out()).containsPattern("mirror\\.copies +3").doesNotContain("checksum.");
  }

  @Test
  void configCluster_unknownKey_failsWithOneLine() {
    Cli.Result result = cli.run("config", "cluster", "no.such.key=1");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void configCluster_notKeyValue_isUsageError() {
    Cli.Result result = cli.run("config", "cluster", "mirror.copies");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("expected: KEY=VALUE").contains("see 'jais config cluster --help'");
  }

  @Test
  void showConfigNode_primaryProxy_servesItsCopy() throws Exception {
    String primary = WireJson.MAPPER.readTree(cli.run("show", "cluster", "--json").out())
        .get("smap").get("proxy_si").get("daemon_id").asText();

    Cli.Result result = cli.run("show", "config", primary, "checksum", "--json");

    assertThat(result.status()).as(result.toString()).isZero();
    assertThat(WireJson.MAPPER.readTree(result.out()).has("checksum")).isTrue();
  }

  @Test
  void jobCommands_clusterWithoutJobs_sayNotSupportedInOneLine() {
    for (String[] command : new String[][] {{"job", "ls"}, {"job", "show"}, {"job", "stop", "lru"},
        {"job", "wait", "abc123"}, {"show", "job", "lru"}, {"job", "start", "lru"}}) {
      Cli.Result result = cli.run(command);

      assertThat(result.status()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(result.err()).startsWith("not supported by this cluster yet: ");
      assertThat(result.err().lines()).hasSize(1);
    }
  }
}
