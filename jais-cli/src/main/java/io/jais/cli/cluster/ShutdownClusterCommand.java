package io.jais.cli.cluster;

import io.jais.cli.CommandFailedException;
import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jais cluster shutdown --yes} (AIS {@code ais cluster shutdown}). */
@Command(name = "shutdown", mixinStandardHelpOptions = true, description = "Stop every node of the cluster.")
public final class ShutdownClusterCommand implements Runnable {
  @Option(names = {"-y", "--yes"}, description = "do it (without it, nothing happens)")
  boolean yes;

  private final Session session;

  ShutdownClusterCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!yes) {
      throw new CommandFailedException("this stops every node of the cluster at " + session.endpoint()
          + "; run again with --yes to do it");
    }
    session.client().cluster().shutdown();
    session.out().println("Cluster at " + session.endpoint() + " is shutting down");
  }
}
