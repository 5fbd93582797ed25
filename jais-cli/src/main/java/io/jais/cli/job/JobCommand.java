package io.jais.cli.job;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais job ...} (AIS {@code ais job}). */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = "List, show, start, stop and wait for jobs (AIS xactions).",
    subcommands = {JobShowCommand.AsList.class, JobShowCommand.class, JobStartCommand.class, JobStopCommand.class,
        JobWaitCommand.class})
public final class JobCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
