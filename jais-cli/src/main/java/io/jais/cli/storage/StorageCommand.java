package io.jais.cli.storage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais storage}: the AIS noun for a target's disks. */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "Manage the targets' mountpaths.",
    subcommands = MountpathCommand.class)
public final class StorageCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
