package io.jais.cli.bucket;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jais bucket ...} (AIS {@code ais bucket}). */
@Command(name = "bucket", mixinStandardHelpOptions = true,
    description = "Create, list, remove and summarize buckets; show and set their properties.",
    subcommands = {CreateCommand.class, RemoveBucketCommand.class, ListCommand.class, PropsCommand.class,
        SummaryCommand.class, CopyBucketCommand.class, MoveBucketCommand.class})
public final class BucketCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
