package io.jais.cli.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais cluster ...} (AIS {@code ais cluster}): membership, primary, shutdown. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Add, drain, decommission and stop nodes; move the primary; stop the cluster.",
    subcommands = {AddRemoveNodesCommand.class, SetPrimaryCommand.class, ShutdownClusterCommand.class})
public final class ClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
