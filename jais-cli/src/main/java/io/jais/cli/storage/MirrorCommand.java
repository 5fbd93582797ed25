package io.jais.cli.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.job.JobKind;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais storage mirror BUCKET --copies N} (AIS {@code ais storage mirror}; also
 * {@code jais job start mirror}): configures the bucket as an N-way mirror (1: no redundancy) and
 * starts {@code make-n-copies}, which adds or drops copies of the existing objects.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = {"Configure a bucket as an n-way mirror and make (or drop) the copies of its objects,",
        "e.g.  jais storage mirror ais://b --copies 2"})
public final class MirrorCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "BUCKET", converter = ObjectPath.Converter.class)
  ObjectPath bucket;

  @Option(names = "--copies", required = true, description = "number of object replicas (1: no redundancy)")
  int copies;

  @Option(names = {"--non-verbose", "--nv"}, description = "print the job ID only")
  boolean nonVerbose;

  private final Session session;

  MirrorCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!bucket.object().isEmpty()) {
      throw new CommandFailedException("storage mirror: expecting a bucket, got " + bucket);
    }
    run(session, bucket.bucket(), copies, nonVerbose);
  }

  /** The work of {@code storage mirror} and {@code job start mirror}. */
  public static void run(Session session, Bucket bucket, int copies, boolean nonVerbose) {
    BucketProps props = session.client().buckets().props(bucket);
    if (props.mirror().copies() == copies && (copies > 1) == props.mirror().enabled()) {
      session.out().println(copies > 1 ? bucket.uri() + " is already " + copies + "-way mirror, nothing to do"
          : bucket.uri() + " is already configured with no redundancy, nothing to do");
      return;
    }
    String id = session.client().buckets().makeNCopies(bucket, copies);
    if (nonVerbose) {
      session.out().println(id);
      return;
    }
    String configured = copies > 1 ? "Configured " + bucket.uri() + " as " + copies + "-way mirror."
        : "Configured " + bucket.uri() + " for single-replica (no redundancy).";
    session.out().println(configured + " Started " + JobKind.cname("mirror", id) + ". To monitor: jais show job " + id);
  }
}
