package io.jais.cli.object;

import io.jais.api.job.JobKind;
import io.jais.api.object.PromoteArgs;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.job.JobWaiting;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais object promote PATH DST}: files of the targets' file systems (under
 * {@value PromoteArgs#ROOT}) become objects ({@code promote}), e.g.
 * {@code jais object promote /var/lib/ais/promote/ds ais://data/ds/ --recursive --wait}.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Promote a file or directory of the targets' file systems (under " + PromoteArgs.ROOT
        + ") into a bucket (a promote job).")
public final class PromoteCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "PATH", description = "an absolute path under " + PromoteArgs.ROOT)
  String path;

  @Parameters(index = "1", paramLabel = "DST", converter = ObjectPath.Converter.class,
      description = "ais://bucket[/name-or-prefix]: a file's object name, or the prefix of a directory's")
  ObjectPath destination;

  @Option(names = {"-r", "--recursive"}, description = "include subdirectories")
  boolean recursive;

  @Option(names = "--overwrite-dst", description = "replace objects that exist (they are kept otherwise)")
  boolean overwrite;

  @Option(names = "--delete-src", description = "remove each file once promoted")
  boolean deleteSource;

  @Option(names = "--target-id", description = "only this target promotes, from its own file system")
  String targetId;

  @Option(names = "--not-file-share", description = "the path is each target's own directory, not one share")
  boolean notFileShare;

  @Option(names = "--wait", description = "wait for the job to finish")
  boolean await;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "with --wait: give up after this long")
  Duration timeout;

  @Option(names = "--progress", negatable = true, description = "with --wait: show objects and bytes as they go")
  Boolean progress;

  private final Session session;

  PromoteCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!path.startsWith("/")) {
      throw new CommandFailedException("object promote: PATH must be absolute, got \"" + path + "\"");
    }
    String id = session.client().objects().promote(destination.bucket(), new PromoteArgs(targetId, path,
        destination.object(), recursive, overwrite, deleteSource, notFileShare));
    String name = JobKind.cname("promote-files", id);
    if (!await) {
      session.out().println("Started " + name + " " + path + " => " + destination + ". To monitor: jais show job " + id);
      return;
    }
    session.out().println("Started " + name + " " + path + " => " + destination);
    JobWaiting.await(session, id, timeout, progress);
  }
}
