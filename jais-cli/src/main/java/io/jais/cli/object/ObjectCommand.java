package io.jais.cli.object;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais object ...} (AIS {@code ais object}). */
@Command(name = "object", mixinStandardHelpOptions = true,
    description = "Put, get, show, print and remove objects.",
    subcommands = {PutCommand.class, GetCommand.class, RemoveCommand.class, ObjectShowCommand.class, CatCommand.class,
        PromoteCommand.class})
public final class ObjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
