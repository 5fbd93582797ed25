package io.jais.it;

import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.json.WireJson;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What nodes report about themselves (docs/native-api.md#cluster-and-node) on the wire: {@code
 * what=node_status},
 * {@code sysinfo} and {@code mountpaths} on every node, through the proxy's reverse route and
 * cluster-wide, with the field names and string-encoded counters of AIS.
 */
@JaisCluster(proxies = 2, targets = 2)
class NodeStatusIT {
  private final LocalCluster cluster;

  NodeStatusIT(LocalCluster cluster) {
    this.cluster = cluster;
  }

  private JsonNode get(String url, String... headers) throws Exception {
    HttpResponse<byte[]> r = send("GET", url, null, headers);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return WireJson.MAPPER.readTree(r.body());
  }

  private static Set<String> mountpaths(Node target) {
    Set<String> paths = new TreeSet<>();
    target.config().mountpaths().forEach(dir -> paths.add(Path.of(dir).toAbsolutePath().normalize().toString()));
    return paths;
  }

  @Test
  void nodeStatus_throughTheProxy_everyNodeReportsItselfAsAisDoes() throws Exception {
    for (Node node : cluster.nodes()) {
      JsonNode status = get(cluster.endpoint() + "/v1/reverse/daemon?what=node_status", "Ais-Node-Id", node.snode().id());

      assertThat(status.get("snode").get("daemon_id").asText()).isEqualTo(node.snode().id());
      assertThat(status.get("status").asText()).isEmpty(); // online
      assertThat(status.get("smap_version").isTextual()).isTrue();
      assertThat(status.get("smap_version").asLong()).isEqualTo(cluster.primary().state().smap().version());
      assertThat(Long.parseLong(status.get("tracker").get("up.ns.time").get("v").asText())).isPositive();
      JsonNode sys = status.get("sys_info");
      assertThat(sys.get("mem_used").asLong()).isPositive();
      assertThat(sys.get("mem_avail").asLong()).isPositive();
      assertThat(sys.get("load_avg").has("One")).isTrue();
      JsonNode mountpaths = status.get("capacity").get("mountpaths");
      if (node.snode().isTarget()) {
        assertThat(names(mountpaths)).containsExactlyElementsOf(mountpaths(node));
      } else {
        assertThat(mountpaths.size()).isZero();
      }
    }
  }

  @Test
  void nodeStatus_targetCapacity_isItsMountpathsFileSystem() throws Exception {
    Node target = cluster.targets().getFirst();
    JsonNode capacity = get(target.url() + "/v1/daemon?what=node_status").get("capacity");

    for (String dir : mountpaths(target)) {
      JsonNode mountpath = capacity.get("mountpaths").get(dir);
      FileStore store = Files.getFileStore(Path.of(dir));
      long used = Long.parseLong(mountpath.get("used").asText());
      long avail = Long.parseLong(mountpath.get("avail").asText());
      // used + available is the file system's size less its reserved blocks: unlike either, it
      // does not move while other processes write to the disk
      long usable = store.getTotalSpace() - store.getUnallocatedSpace() + store.getUsableSpace();
      assertThat(used + avail).isEqualTo(usable);
      assertThat(mountpath.get("used").isTextual()).isTrue();
      assertThat(mountpath.get("pct_used").asInt()).isBetween(0, 100);
      assertThat(mountpath.get("fs").get("FsType").asText()).isEqualTo(store.type());
      assertThat(mountpath.get("fs").get("Fs").asText()).isEqualTo(store.name());
    }
    // the playground's mountpaths share one file system, which the totals count once
    JsonNode first = capacity.get("mountpaths").elements().next();
    long fileSystems = names(capacity.get("mountpaths")).stream()
        .map(dir -> capacity.get("mountpaths").get(dir).get("fs").get("FsID").asText()).distinct().count();
    assertThat(fileSystems).isEqualTo(1);
    assertThat(Long.parseLong(capacity.get("total_used").asText()) + Long.parseLong(capacity.get("total_avail").asText()))
        .isEqualTo(Long.parseLong(first.get("used").asText()) + Long.parseLong(first.get("avail").asText()));
  }

  @Test
  void reverse_fromTheNonPrimaryProxy_relaysToTargetsAndAnswersForItself() throws Exception {
    Node other = cluster.proxies().stream().filter(p -> !p.isPrimary()).findFirst().orElseThrow();
    Node target = cluster.targets().getLast();

    JsonNode forTarget = get(other.url() + "/v1/reverse/daemon?what=node_status", "Ais-Node-Id", target.snode().id());
    JsonNode forItself = get(other.url() + "/v1/reverse/daemon?what=snode", "Ais-Node-Id", other.snode().id());

    assertThat(forTarget.get("snode").get("daemon_id").asText()).isEqualTo(target.snode().id());
    assertThat(forItself.get("daemon_id").asText()).isEqualTo(other.snode().id());
  }

  @Test
  void reverse_withoutNodeId_is400_unknownNode_is404() throws Exception {
    HttpResponse<byte[]> missing = send("GET", cluster.endpoint() + "/v1/reverse/daemon?what=node_status", null);
    HttpResponse<byte[]> unknown = send("GET", cluster.endpoint() + "/v1/reverse/daemon?what=node_status", null,
        "Ais-Node-Id", "tNoSuchNode");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(text(missing)).contains("missing node ID");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(WireJson.MAPPER.readTree(unknown.body()).get("message").asText()).contains("tNoSuchNode");
  }

  @Test
  void clusterSysinfo_everyNodeByRole_targetsWithCapacity() throws Exception {
    JsonNode info = get(cluster.endpoint() + "/v1/cluster?what=sysinfo");

    assertThat(names(info.get("proxy"))).containsExactlyInAnyOrderElementsOf(ids(cluster.proxies()));
    assertThat(names(info.get("target"))).containsExactlyInAnyOrderElementsOf(ids(cluster.targets()));
    for (JsonNode target : info.get("target")) {
      long used = Long.parseLong(target.get("fs_used").asText());
      assertThat(used).isPositive().isLessThan(Long.parseLong(target.get("fs_capacity").asText()));
      assertThat(target.get("mem_avail").asLong()).isPositive();
    }
    assertThat(info.get("proxy").elements().next().has("fs_used")).isFalse();
  }

  @Test
  void mountpaths_perTargetAndClusterWide_areTheConfiguredDirectories() throws Exception {
    JsonNode all = get(cluster.endpoint() + "/v1/cluster?what=mountpaths").get("targets");

    for (Node target : cluster.targets()) {
      JsonNode own = get(target.url() + "/v1/daemon?what=mountpaths");
      assertThat(own.get("available").isArray()).isTrue();
      List<String> available = new ArrayList<>();
      own.get("available").forEach(dir -> available.add(dir.asText()));
      assertThat(available).containsExactlyElementsOf(mountpaths(target));
      assertThat(own.get("disabled").size()).isZero();
      assertThat(all.get(target.snode().id())).isEqualTo(own);
    }
    HttpResponse<byte[]> onProxy = send("GET", cluster.endpoint() + "/v1/daemon?what=mountpaths", null);
    assertThat(onProxy.statusCode()).isEqualTo(400);
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> ids(List<Node> nodes) {
    return nodes.stream().map(n -> n.snode().id()).toList();
  }
}
