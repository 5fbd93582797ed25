package io.jais.cli.cluster;

import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.cli.Session;
import io.jais.cli.render.Durations;
import io.jais.cli.render.Json;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import io.jais.client.JaisClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais show cluster [proxy|target|NODE_ID]}: proxies and targets with the primary marked
 * {@code [P]}, each node's status and uptime from its own {@code /v1/health}, and a summary.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Show proxies and targets: URL, status, capacity and uptime; the primary is marked [P].")
public final class ShowClusterCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "proxy|target|NODE_ID", description = "show only these nodes")
  String filter;

  @Option(names = "--json", description = "print JSON (the cluster map and each node's status)")
  boolean json;

  private final Session session;

  ShowClusterCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JaisClient client = session.client();
    Smap smap = client.cluster().smap();
    List<NodeStatus> nodes = probeAll(client, smap);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("smap", smap);
      doc.put("nodes", nodes);
      Json.print(session.out(), doc);
      return;
    }
    PrintWriter out = session.out();
    boolean anyProxy = nodes.stream().anyMatch(n -> n.role().equals("proxy"));
    if (anyProxy) {
      Table proxies = Table.of("PROXY", "URL", "STATUS", "UPTIME");
      nodes.stream().filter(n -> n.role().equals("proxy"))
          .forEach(n -> proxies.row(name(n), n.url(), n.status(), uptime(n)));
      proxies.print(out);
    }
    if (nodes.stream().anyMatch(n -> n.role().equals("target"))) {
      if (anyProxy) {
        out.println();
      }
      Table targets = Table.of("TARGET", "URL", "STATUS", "CAP USED %", "CAP AVAIL", "UPTIME");
      nodes.stream().filter(n -> n.role().equals("target")).forEach(n -> targets.row(name(n), n.url(), n.status(),
          n.capacityUsedPercent() == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f%%", n.capacityUsedPercent()),
          n.capacityAvailable() == null ? "n/a" : Sizes.format(n.capacityAvailable()), uptime(n)));
      targets.print(out);
    }
    if (filter == null) {
      printSummary(out, smap);
    }
  }

  /** Health of every node, asked concurrently so that one slow node costs its timeout once. */
  private List<NodeStatus> probeAll(JaisClient client, Smap smap) {
    List<Snode> all = new ArrayList<>();
    if (filter == null || !filter.equals("target")) {
      all.addAll(smap.proxies().values());
    }
    if (filter == null || !filter.equals("proxy")) {
      all.addAll(smap.targets().values());
    }
    if (filter != null && !filter.equals("proxy") && !filter.equals("target")) {
      all.removeIf(node -> !node.id().equals(filter));
      if (all.isEmpty()) {
        throw new IllegalArgumentException("no node \"" + filter + "\" in the cluster map (expected: proxy, target or a node ID)");
      }
    }
    String primary = smap.primary() == null ? "" : smap.primary().id();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<NodeStatus>> probes = all.stream()
          .map(node -> pool.submit(() -> NodeStatus.probe(client, node, node.id().equals(primary)))).toList();
      return probes.stream().map(ShowClusterCommand::join).toList();
    }
  }

  private static NodeStatus join(Future<NodeStatus> probe) {
    try {
      return probe.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static String name(NodeStatus node) {
    return node.primary() ? node.id() + "[P]" : node.id();
  }

  private static String uptime(NodeStatus node) {
    return node.uptimeNanos() == null ? "-" : Durations.format(Duration.ofNanos(node.uptimeNanos()));
  }

  private static void printSummary(PrintWriter out, Smap smap) {
    out.println();
    out.println("Summary:");
    Table summary = Table.of("", "");
    summary.row(" Proxies:", smap.proxies().size());
    summary.row(" Targets:", smap.targets().size());
    summary.row(" Primary Proxy:", smap.primary() == null ? "-" : smap.primary().id());
    summary.row(" Smap Version:", smap.version());
    summary.row(" Cluster UUID:", smap.uuid());
    summary.print(out, false);
  }
}
