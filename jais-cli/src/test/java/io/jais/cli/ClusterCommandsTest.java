package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.json.WireJson;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
    // as ais: no URL column, and STATUS only when some node is not online
    assertThat(result.out()).containsPattern("(?m)^PROXY +MEM USED\\(%\\) +MEM AVAIL +UPTIME$")
        .containsPattern("(?m)^TARGET +MEM USED\\(%\\) +MEM AVAIL +CAP USED\\(%\\) +CAP AVAIL +UPTIME$")
        .containsPattern("(?m)^p\\[\\w+\\]\\[P\\] +\\d+\\.\\d\\d% ")
        .containsPattern("Targets: +2")
        .doesNotContain("http://").doesNotContain("STATUS");
    assertThat(result.out().lines().filter(line -> line.startsWith("t[")).count()).isEqualTo(2);
  }

  @Test
  void showCluster_targets_haveRealCapacityMemoryAndUptime(LocalCluster cluster) throws Exception {
    Cli.Result result = cli.run("show", "cluster", "target");

    // t[NAME]  0.52%  21.91GiB  23%  78.15GiB  3s
    String size = "\\d+(\\.\\d\\d)?(B|KiB|MiB|GiB|TiB|PiB)";
    for (var target : cluster.targets()) {
      assertThat(result.out()).containsPattern("t\\[" + target.snode().id() + "\\] +\\d+\\.\\d\\d% +" + size
          + " +\\d{1,3}% +" + size + " +\\d+(ms|s|m|h|d)");
    }
    // the numbers are the file system's: the mountpath's available bytes, within what others write meanwhile
    Path mountpath = Path.of(cluster.targets().getFirst().config().mountpaths().getFirst());
    long available = Files.getFileStore(mountpath).getUsableSpace();
    JsonNode json = WireJson.MAPPER.readTree(cli.run("show", "cluster", "--json").out());
    long reported = json.get("capacity").get("avail").asLong();
    assertThat(reported).isCloseTo(available, org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void showCluster_summary_capacityCountsTheSharedFileSystemOnce(LocalCluster cluster) throws Exception {
    Cli.Result result = cli.run("show", "cluster");
    JsonNode capacity = WireJson.MAPPER.readTree(cli.run("show", "cluster", "--json").out()).get("capacity");

    assertThat(result.out()).containsPattern("Capacity: +used \\S+ \\(\\d{1,3}%\\), available \\S+");
    // the 4 mountpaths of the test cluster are on one file system: the cluster has its size, not 4 times it
    // (used + available is the size less reserved blocks, which does not move while others write)
    FileStore store = Files.getFileStore(cluster.dir());
    long usable = store.getTotalSpace() - store.getUnallocatedSpace() + store.getUsableSpace();
    assertThat(capacity.get("used").asLong() + capacity.get("avail").asLong()).isEqualTo(usable);
  }

  @Test
  void showCluster_json_isTheSmapWithEveryNodesStatus() throws Exception {
    Cli.Result result = cli.run("show", "cluster", "--json");

    JsonNode doc = WireJson.MAPPER.readTree(result.out());
    assertThat(doc.get("smap").get("tmap").size()).isEqualTo(2);
    assertThat(doc.get("nodes").size()).isEqualTo(3);
    for (JsonNode node : doc.get("nodes")) {
      assertThat(node.get("status").asText()).isEqualTo("online");
      assertThat(node.get("node_status").get("snode").get("daemon_id").asText()).isEqualTo(node.get("id").asText());
      assertThat(node.get("node_status").get("tracker").get("up.ns.time").get("v").asText()).isNotEmpty();
    }
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

    assertThat(result.status()).as("as ais: every error exits 1").isEqualTo(1);
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
}
