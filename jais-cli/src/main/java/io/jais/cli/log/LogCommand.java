package io.jais.cli.log;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais log ...} (AIS {@code ais log}): one node's logs, through the endpoint. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Show or download a node's logs (its current log of a severity, or all of them as tar.gz).",
    subcommands = {LogShowCommand.class, LogGetCommand.class})
public final class LogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
