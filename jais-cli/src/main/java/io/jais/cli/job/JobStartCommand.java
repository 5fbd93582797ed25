package io.jais.cli.job;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobKind;
import io.jais.cli.CommandFailedException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais job start KIND [BUCKET]}: starts a job by kind (or display name) and prints its ID,
 * e.g. {@code jais job start lru}, {@code jais job start cleanup --keep-misplaced},
 * {@code jais job start scrub ais://photos --prefix 2026/ --wait}.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start a job by kind: lru, cleanup (cleanup-store), scrub, mirror (make-n-copies, with --copies).")
public final class JobStartCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "KIND")
  String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "BUCKET", converter = ObjectPath.Converter.class,
      description = "only this bucket (all buckets when omitted)")
  ObjectPath bucket;

  @Option(names = "--prefix", description = "scrub: only objects whose names start with this")
  String prefix;

  @Option(names = "--keep-misplaced", description = "cleanup: keep misplaced objects (do not move or remove them)")
  boolean keepMisplaced;

  @Option(names = "--copies", description = "mirror: number of object replicas (1: no redundancy)")
  Integer copies;

  @Option(names = {"-f", "--force"}, description = "override a kind's restrictions (e.g. LRU on a bucket with LRU disabled)")
  boolean force;

  @Option(names = "--wait", description = "wait for the job to finish")
  boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "with --wait: give up after this long, e.g. 30s, 5m (default: as long as it takes, as ais)")
  Duration timeout;

  @Option(names = "--progress", negatable = true, description = "with --wait: show objects and bytes as they go")
  Boolean progress;

  @Option(names = {"--nv", "--non-verbose"}, description = "print only the job ID")
  boolean idOnly;

  private final Session session;

  JobStartCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    Bucket one = bucket == null ? null : bucket.bucket();
    if (bucket != null && !bucket.object().isEmpty()) {
      throw new CommandFailedException("job start: expecting a bucket, got " + bucket);
    }
    if (JobKind.find(kind).map(k -> k.kind().equals(JobKind.MAKE_N_COPIES)).orElse(false)) {
      if (one == null || copies == null) {
        throw new CommandFailedException("job start " + kind + ": expecting a bucket and --copies N");
      }
      io.jais.cli.storage.MirrorCommand.run(session, one, copies, false);
      return;
    }
    long flags = keepMisplaced ? JobArgs.FLAG_KEEP_MISPLACED : 0;
    String id = session.client().jobs().start(new JobArgs("", kind, "", one, null, 0, flags, force, false),
        prefix == null ? "" : prefix);
    String name = JobKind.cname(JobKind.find(kind).map(JobKind::kind).orElse(kind), id);
    if (idOnly) {
      session.out().println(id);
    } else {
      session.out().println("Started " + name + ". To monitor the progress, run 'jais show job " + id + "'");
    }
    if (await) {
      JobWaiting.await(session, id, timeout, progress);
    }
  }
}
