package io.jais.cli.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais config ...}: change configuration (AIS {@code ais config}). */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Change the cluster configuration.",
    subcommands = ConfigClusterCommand.class)
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
