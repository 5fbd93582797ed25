package io.jais.node.proxy;

import io.jais.api.ApiPath;
import io.jais.api.cluster.Snode;
import io.jais.api.node.ClusterMountpaths;
import io.jais.api.node.ClusterSysInfo;
import io.jais.api.node.MemCpuInfo;
import io.jais.api.node.MountpathList;
import io.jais.api.node.TargetSysInfo;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster-wide forms of {@code what=sysinfo} and {@code what=mountpaths} (AIS
 * {@code qcluSysinfo}, {@code qcluMountpaths}): the same question asked of every active node at
 * once, the answers keyed by node ID. One node that cannot answer fails the query, as in AIS.
 */
public final class NodeReports {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ClusterState state;
  private final IntraClient intra;

  public NodeReports(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  /** {@code GET /v1/cluster?what=sysinfo}: every proxy's memory and CPU, every target's with capacity. */
  public ClusterSysInfo sysinfo() throws Exception {
    return new ClusterSysInfo(ask(proxies(), "sysinfo", MemCpuInfo.class),
        ask(state.smap().activeTargets(), "sysinfo", TargetSysInfo.class));
  }

  /** {@code GET /v1/cluster?what=mountpaths}: every target's mountpaths. */
  public ClusterMountpaths mountpaths() throws Exception {
    return new ClusterMountpaths(ask(state.smap().activeTargets(), "mountpaths", MountpathList.class));
  }

  private List<Snode> proxies() {
    return state.smap().proxies().values().stream().filter(Snode::isActive).toList();
  }

  private <T> Map<String, T> ask(List<Snode> nodes, String what, Class<T> type) throws Exception {
    Function<Snode, java.util.concurrent.Callable<T>> call =
        node -> () -> intra.json("GET", node.url() + ApiPath.DAEMON + "?what=" + what, null, type, TIMEOUT);
    List<T> answers = TargetFanout.callAll(nodes, call);
    Map<String, T> byId = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      byId.put(nodes.get(i).id(), answers.get(i));
    }
    return byId;
  }
}
