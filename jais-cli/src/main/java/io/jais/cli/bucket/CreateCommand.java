package io.jais.cli.bucket;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais bucket create BUCKET...}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create ais:// buckets.")
public final class CreateCommand implements Runnable {
  @Parameters(arity = "1..*", paramLabel = "BUCKET", converter = ObjectPath.Converter.class,
      description = "e.g. ais://data")
  List<ObjectPath> buckets;

  private final Session session;

  CreateCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    for (ObjectPath path : buckets) {
      session.client().buckets().create(path.bucket());
      session.out().println("\"" + path.bucket().uri() + "\" created");
    }
  }
}
