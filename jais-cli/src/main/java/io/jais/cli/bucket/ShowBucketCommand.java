package io.jais.cli.bucket;

import io.jais.cli.Session;
import picocli.CommandLine.Command;

/** {@code jais show bucket BUCKET [PREFIX]}: {@code bucket props show} under the AIS {@code show} verb. */
@Command(name = "bucket", mixinStandardHelpOptions = true, description = "Show bucket properties.")
public final class ShowBucketCommand extends PropsShowCommand {
  ShowBucketCommand(Session session) {
    super(session);
  }
}
