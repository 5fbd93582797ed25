package io.jais.cli.bucket;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais bucket mv SRC DST}: renames an ais bucket ({@code move-bck}): DST must not exist;
 * every object moves there and SRC goes away when the job is done.
 */
@Command(name = "mv", mixinStandardHelpOptions = true,
    description = "Rename an ais bucket (a move-bck job); the new name must not exist.")
public final class MoveBucketCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "SRC", converter = ObjectPath.Converter.class, description = "e.g. ais://old")
  ObjectPath source;

  @Parameters(index = "1", paramLabel = "DST", converter = ObjectPath.Converter.class, description = "e.g. ais://new")
  ObjectPath destination;

  @Option(names = "--wait", description = "wait for the job to finish")
  boolean await;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "with --wait: give up after this long")
  Duration timeout;

  @Option(names = "--progress", negatable = true, description = "with --wait: show objects and bytes as they go")
  Boolean progress;

  private final Session session;

  MoveBucketCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    BucketArgs.requireBucket("bucket mv", source);
    BucketArgs.requireBucket("bucket mv", destination);
    String id = session.client().buckets().rename(source.bucket(), destination.bucket());
    BucketArgs.started(session, "rename-bucket", id, source + " => " + destination, await, timeout, progress);
  }
}
