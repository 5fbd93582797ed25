package io.jais.cli.bucket;

import io.jais.api.job.CopyBucketMsg;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.job.JobWaiting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais bucket cp SRC DST}: copies a bucket (or its objects under {@code --prefix}) to
 * another, which is created like the source if it does not exist ({@code copy-bck}), e.g.
 * {@code jais bucket cp ais://photos ais://backup --prepend 2026/ --wait}.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
    description = "Copy a bucket, or its objects under a prefix, to another bucket (a copy-bck job).")
public final class CopyBucketCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "SRC", converter = ObjectPath.Converter.class, description = "e.g. ais://photos")
  ObjectPath source;

  @Parameters(index = "1", paramLabel = "DST", converter = ObjectPath.Converter.class,
      description = "e.g. ais://backup (created when it does not exist)")
  ObjectPath destination;

  @Option(names = "--prefix", description = "only objects whose names start with this")
  String prefix;

  @Option(names = "--prepend", description = "add this to every destination name")
  String prepend;

  @Option(names = "--ext", split = ",", paramLabel = "OLD:NEW",
      description = "map name extensions, e.g. jpg:png,txt:text")
  List<String> extensions;

  @Option(names = "--dry-run", description = "count what would be copied, copy nothing")
  boolean dryRun;

  @Option(names = "--num-workers", defaultValue = "0",
      description = "parallel copies per target: 0 one per mountpath, -1 one at a time")
  int workers;

  @Option(names = "--cont-on-err", description = "keep going after an object fails")
  boolean continueOnError;

  @Option(names = "--wait", description = "wait for the job to finish")
  boolean await;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "with --wait: give up after this long")
  Duration timeout;

  @Option(names = "--progress", negatable = true, description = "with --wait: show objects and bytes as they go")
  Boolean progress;

  private final Session session;

  CopyBucketCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    BucketArgs.requireBucket("bucket cp", source);
    BucketArgs.requireBucket("bucket cp", destination);
    Map<String, String> ext = new LinkedHashMap<>();
    for (String mapping : extensions == null ? List.<String>of() : extensions) {
      String[] pair = mapping.split(":", 2);
      if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
        throw new CommandFailedException("bucket cp: --ext expects OLD:NEW, got \"" + mapping + "\"");
      }
      ext.put(pair[0], pair[1]);
    }
    String id = session.client().buckets().copyBucket(source.bucket(), destination.bucket(),
        new CopyBucketMsg(prefix, prepend, ext, dryRun, false, false, false, workers, continueOnError));
    BucketArgs.started(session, "copy-bucket", id, source + " => " + destination + (dryRun ? " (dry run)" : ""),
        await, timeout, progress);
  }
}
