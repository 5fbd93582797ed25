package io.jais.cli.bucket;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais bucket props show|set}. */
@Command(name = "props", mixinStandardHelpOptions = true, description = "Show or change bucket properties.",
    subcommands = {PropsShowCommand.class, PropsSetCommand.class})
public final class PropsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
