package io.jais.cli.job;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais job start KIND [BUCKET]}: starts a job and prints its ID. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start a job, e.g.  jais job start lru")
public final class JobStartCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "KIND")
  String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "BUCKET", converter = ObjectPath.Converter.class)
  ObjectPath bucket;

  private final Session session;

  JobStartCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    String id = session.client().jobs().start(kind, bucket == null ? null : bucket.bucket());
    session.out().println("Started " + kind + "[" + id + "]. To monitor: jais show job " + id);
  }
}
