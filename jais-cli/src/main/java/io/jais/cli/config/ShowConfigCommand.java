package io.jais.cli.config;

import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ClusterConfig;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.client.JaisClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais show config cluster|NODE_ID [PREFIX]}: the cluster configuration as the endpoint
 * serves it, or as one node holds it (asked of that node directly, to spot a node that missed
 * an update).
 */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Show the cluster configuration, or one node's copy of it.")
public final class ShowConfigCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "cluster|NODE_ID", description = "\"cluster\" or a node ID")
  String scope;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX", description = "only settings under this prefix, e.g. checksum")
  String prefix;

  @Option(names = {"-H", "--no-headers"}, description = "omit the header line")
  boolean noHeaders;

  @Option(names = {"-j", "--json"}, description = "print JSON")
  boolean json;

  private final Session session;

  ShowConfigCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    JaisClient client = session.client();
    ClusterConfig config = scope.equals("cluster") ? client.cluster().config() : client.cluster().config(node(client));
    if (json) {
      Json.print(session.out(), config);
    } else {
      ConfigTable.print(session.out(), config, prefix, !noHeaders);
    }
  }

  private Snode node(JaisClient client) {
    Smap smap = client.cluster().smap();
    Snode node = smap.node(scope);
    if (node == null) {
      throw new IllegalArgumentException("no node \"" + scope + "\" in the cluster map (expected: cluster or a node ID)");
    }
    return node;
  }
}
