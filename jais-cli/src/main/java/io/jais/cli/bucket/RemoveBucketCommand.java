package io.jais.cli.bucket;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.cli.Confirmation;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais bucket rm BUCKET...}: destroys buckets with all their objects, as
 * {@code ais bucket rm}: a bucket that has objects is destroyed only after
 * {@code Proceed to destroy ais://b?} is answered yes (or with {@code -y}); a declined bucket is
 * skipped. {@code --ignore-error} turns "does not exist" into a message and status 0.
 */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove buckets and all their objects.")
public final class RemoveBucketCommand implements Runnable {
  @Parameters(arity = "1..*", paramLabel = "BUCKET", converter = ObjectPath.Converter.class)
  List<ObjectPath> buckets;

  @Option(names = "--ignore-error", description = "a bucket that does not exist is not an error")
  boolean ignoreError;

  @Mixin Confirmation confirmation;

  private final Session session;

  RemoveBucketCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    for (ObjectPath path : buckets) {
      Bucket bucket = path.bucket();
      try {
        if (!confirmation.assumeYes() && !isEmpty(bucket)
            && !confirmation.confirm(session, "Proceed to destroy " + bucket.uri() + "?")) {
          continue;
        }
        session.client().buckets().destroy(bucket);
      } catch (JaisException e) {
        if (ignoreError && e.code().status() == 404) {
          session.err().println(e.getMessage());
          continue;
        }
        throw e;
      }
      session.out().println("\"" + bucket.uri() + "\" destroyed");
    }
  }

  private boolean isEmpty(Bucket bucket) {
    ListObjectsMsg one = ListObjectsMsg.of("", 1).withProps("name").withFlags(ListFlags.NAME_ONLY);
    return session.client().buckets().listPage(bucket, one).entries().isEmpty();
  }
}
