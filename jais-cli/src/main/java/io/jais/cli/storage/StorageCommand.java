package io.jais.cli.storage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais storage ...} (AIS {@code ais storage}): bucket mirroring. */
@Command(name = "storage", mixinStandardHelpOptions = true,
    description = "Data protection of buckets: n-way mirroring.",
    subcommands = {MirrorCommand.class})
public final class StorageCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
