package io.jais.cli.bucket;

import io.jais.api.job.JobKind;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.job.JobWaiting;
import java.time.Duration;

/** What the bucket job commands ({@code cp}, {@code mv}) share: argument checks and the started job. */
final class BucketArgs {
  private BucketArgs() {}

  static void requireBucket(String command, ObjectPath path) {
    if (path.hasObject()) {
      throw new CommandFailedException(command + ": expecting a bucket, got " + path);
    }
  }

  /** Prints the started job (and how to watch it), or waits for it with {@code --wait}. */
  static void started(Session session, String displayKind, String id, String what, boolean await, Duration timeout,
      Boolean progress) {
    String name = JobKind.cname(displayKind, id);
    if (!await) {
      session.out().println("Started " + name + " " + what + ". To monitor: jais show job " + id);
      return;
    }
    session.out().println("Started " + name + " " + what);
    JobWaiting.await(session, id, timeout, progress);
  }
}
