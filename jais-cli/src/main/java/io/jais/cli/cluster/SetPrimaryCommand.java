package io.jais.cli.cluster;

import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais cluster set-primary NODE_ID} (AIS {@code ais cluster set-primary}). */
@Command(name = "set-primary", mixinStandardHelpOptions = true, description = "Make a proxy the primary.")
public final class SetPrimaryCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "NODE_ID", description = "the proxy to make primary")
  String nodeId;

  private final Session session;

  SetPrimaryCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    session.client().cluster().setPrimary(nodeId);
    session.out().println("\"" + nodeId + "\" is the new primary");
  }
}
