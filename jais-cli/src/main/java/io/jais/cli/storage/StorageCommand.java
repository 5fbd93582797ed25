package io.jais.cli.storage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais storage ...} (AIS {@code ais storage}): the targets' disks and bucket mirroring. */
@Command(name = "storage", mixinStandardHelpOptions = true,
    description = "Manage the targets' mountpaths and the n-way mirroring of buckets.",
    subcommands = {MountpathCommand.class, MirrorCommand.class})
public final class StorageCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
