package io.jais.cli;

import io.jais.cli.bucket.ShowBucketCommand;
import io.jais.cli.cluster.ShowClusterCommand;
import io.jais.cli.config.ShowConfigCommand;
import io.jais.cli.job.JobShowCommand;
import io.jais.cli.job.ShowRebalanceCommand;
import io.jais.cli.object.ObjectShowCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais show ...}: the AIS CLI's read-only views, one per noun. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show the cluster, its configuration, buckets, objects and jobs.",
    subcommands = {
        ShowClusterCommand.class,
        ShowConfigCommand.class,
        ShowBucketCommand.class,
        ObjectShowCommand.UnderShow.class,
        JobShowCommand.UnderShow.class,
        ShowRebalanceCommand.class,
    })
final class ShowCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
