package io.jais.cli.bucket;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais bucket rm BUCKET...}: destroys buckets with all their objects. */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove buckets and all their objects.")
public final class RemoveBucketCommand implements Runnable {
  @Parameters(arity = "1..*", paramLabel = "BUCKET", converter = ObjectPath.Converter.class)
  List<ObjectPath> buckets;

  private final Session session;

  RemoveBucketCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    for (ObjectPath path : buckets) {
      session.client().buckets().destroy(path.bucket());
      session.out().println("\"" + path.bucket().uri() + "\" destroyed");
    }
  }
}
