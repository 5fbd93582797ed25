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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais show cluster [proxy|target|NODE_ID]}: proxies and targets with the primary marked
 * {@code [P]}; each node's memory, capacity (targets) and uptime from its {@code node_status},
 * asked of every node in parallel through the endpoint; and a summary with the cluster's
 * capacity. The tables have {@code ais show cluster}'s shape: nodes as {@code p[ID]} and
 * {@code t[ID]}, no URL column ({@code --json} has the URLs), and a STATUS column only when some
 * node is not online.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Show proxies and targets: memory, capacity, uptime (and status when not online); the primary is marked [P].")
public final class ShowClusterCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "proxy|target|NODE_ID", description = "show only these nodes")
  String filter;

  @Option(names = {"-j", "--json"}, description = "print JSON (the cluster map and each node's status)")
  boolean json;

  @Option(names = {"-H", "--no-headers"}, description = "omit the tables' header lines")
  boolean noHeaders;

  private final Session session;

  ShowClusterCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JaisClient client = session.client();
    Smap smap = client.cluster().smap();
    List<NodeRow> nodes = probeAll(client, smap);
    ClusterCapacity capacity = ClusterCapacity.of(nodes);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("smap", smap);
      doc.put("nodes", nodes);
      doc.put("capacity", capacity);
      Json.print(session.out(), doc);
      return;
    }
    PrintWriter out = session.out();
    boolean anyProxy = nodes.stream().anyMatch(n -> n.role().equals("proxy"));
    if (anyProxy) {
      List<NodeRow> shown = nodes.stream().filter(n -> n.role().equals("proxy")).toList();
      boolean withStatus = shown.stream().anyMatch(n -> !n.status().equals("online"));
      Table proxies = withStatus ? Table.of("PROXY", "MEM USED(%)", "MEM AVAIL", "UPTIME", "STATUS")
          : Table.of("PROXY", "MEM USED(%)", "MEM AVAIL", "UPTIME");
      shown.forEach(n -> proxies.row(withStatus ? new Object[] {name(n), memUsed(n), memAvail(n), uptime(n), n.status()}
          : new Object[] {name(n), memUsed(n), memAvail(n), uptime(n)}));
      proxies.print(out, !noHeaders);
    }
    if (nodes.stream().anyMatch(n -> n.role().equals("target"))) {
      if (anyProxy) {
        out.println();
      }
      List<NodeRow> shown = nodes.stream().filter(n -> n.role().equals("target")).toList();
      boolean withStatus = shown.stream().anyMatch(n -> !n.status().equals("online"));
      Table targets = withStatus
          ? Table.of("TARGET", "MEM USED(%)", "MEM AVAIL", "CAP USED(%)", "CAP AVAIL", "UPTIME", "STATUS")
          : Table.of("TARGET", "MEM USED(%)", "MEM AVAIL", "CAP USED(%)", "CAP AVAIL", "UPTIME");
      shown.forEach(n -> targets.row(withStatus
          ? new Object[] {name(n), memUsed(n), memAvail(n), capUsed(n), capAvail(n), uptime(n), n.status()}
          : new Object[] {name(n), memUsed(n), memAvail(n), capUsed(n), capAvail(n), uptime(n)}));
      targets.print(out, !noHeaders);
    }
    if (filter == null) {
      printSummary(out, smap, capacity);
    }
  }

  /** Status of every node, asked concurrently so that one slow node costs its timeout once. */
  private List<NodeRow> probeAll(JaisClient client, Smap smap) {
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
      List<Future<NodeRow>> probes = all.stream()
          .map(node -> pool.submit(() -> NodeRow.probe(client, node, node.id().equals(primary)))).toList();
      return probes.stream().map(ShowClusterCommand::join).toList();
    }
  }

  private static NodeRow join(Future<NodeRow> probe) {
    try {
      return probe.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** As AIS names nodes: {@code p[ID]}, {@code t[ID]}, the primary with {@code [P]} after. */
  private static String name(NodeRow node) {
    String name = (node.role().equals("proxy") ? "p[" : "t[") + node.id() + "]";
    return node.primary() ? name + "[P]" : name;
  }

  private static String uptime(NodeRow node) {
    Duration uptime = node.reported() ? node.report().uptime() : Duration.ZERO;
    return uptime.isZero() ? "-" : Durations.format(uptime);
  }

  private static String memUsed(NodeRow node) {
    return node.reported() ? percent(node.report().sysInfo().pctMemUsed()) : "-";
  }

  private static String memAvail(NodeRow node) {
    return node.reported() ? Sizes.format(node.report().sysInfo().memAvail()) : "-";
  }

  private static String capUsed(NodeRow node) {
    return node.capacity().mountpaths().isEmpty() ? "-" : node.capacity().pctAvg() + "%";
  }

  private static String capAvail(NodeRow node) {
    return node.capacity().mountpaths().isEmpty() ? "-" : Sizes.format(node.capacity().totalAvailable());
  }

  private static String percent(double pct) {
    return String.format(Locale.ROOT, "%.2f%%", pct);
  }

  private static void printSummary(PrintWriter out, Smap smap, ClusterCapacity capacity) {
    out.println();
    out.println("Summary:");
    Table summary = Table.of("", "");
    summary.row(" Proxies:", smap.proxies().size());
    summary.row(" Targets:", smap.targets().size());
    summary.row(" Capacity:", capacity.isKnown() ? "used " + Sizes.format(capacity.used()) + " (" + capacity.usedPercent()
        + "%), available " + Sizes.format(capacity.available()) : "-");
    summary.row(" Primary Proxy:", smap.primary() == null ? "-" : smap.primary().id());
    summary.row(" Smap Version:", smap.version());
    summary.row(" Cluster UUID:", smap.uuid());
    summary.print(out, false);
  }
}
