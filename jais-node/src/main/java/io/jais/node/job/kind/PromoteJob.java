package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.object.PromoteArgs;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code promote}: files of the targets' own file systems become objects of a bucket (AIS
 * {@code promote}). The source is a file or a directory (its files, with {@code rcr} those of its
 * subdirectories too) under AIS's promote root; a file becomes {@code obj + relative path}.
 *
 * <p>Who promotes what, with the same rule on every target so that each file is promoted once:
 * <ul>
 *   <li>by default the source is one share every target sees (NFS, or one host's directory in a
 *       one-host cluster): each target promotes only the files whose object it owns (HRW);</li>
 *   <li>{@code tid}: only that target promotes, every file of its own file system, sending each
 *       to its owner;</li>
 *   <li>{@code notshr}: each target promotes every file it has (its own directory), sending each
 *       to its owner.</li>
 * </ul>
 * AIS detects a share by comparing the targets' listings; JAIS takes the share as the default
 * and leaves the two other cases to the request.
 *
 * <p>Symbolic links never lead out of the promote root: the source is resolved to its real path
 * (every link in it followed) and must lie under the root's real path, else the request is a 400;
 * the walk then starts from that real path and never follows a link (links inside the tree are
 * skipped, see {@link SourceFiles}), and each file is opened without following a link, so a file
 * swapped for a link meanwhile fails rather than being read. An existing object is kept unless {@code ovw}
 * ({@value #SKIPPED_EXISTING}); with {@code dls} a file is removed once promoted or kept, as in
 * AIS. A file that disappears meanwhile is skipped.
 *
 * <p>Counters: {@code loc-objs}/{@code loc-bytes} the files this target promoted,
 * {@code out-objs}/{@code out-bytes} those of them sent to another target. Terminal; abort stops
 * between files.
 */
final class PromoteJob extends Job {
  static final String SKIPPED_EXISTING = "skipped-existing";

  private final ClusterState state;
  private final ObjectService objects;
  private final Caller caller;
  private final Bucket bucket;
  private final PromoteArgs args;
  private final Path source;
  private Path realSource;
  private final boolean participates;
  private final boolean ownedOnly;
  private final int workers;

  PromoteJob(JobStart start, TargetServices target) {
    super(start, SKIPPED_EXISTING);
    this.state = target.state();
    this.objects = target.objects();
    this.caller = Caller.localJob(start.id());
    this.bucket = KindParams.requireBucket(start, target.state());
    this.args = start.params(PromoteArgs.class).validated("");
    this.source = Path.of(args.source());
    String self = state.self().id();
    this.participates = args.targetId().isEmpty() || args.targetId().equals(self);
    this.ownedOnly = args.targetId().isEmpty() && !args.notFileShare();
    this.workers = KindParams.workers(0, target.store().mountpaths().all().size());
    if (participates && !args.notFileShare() && !Files.exists(source)) {
      throw new JaisException(ErrorCode.NOT_FOUND, "promote: source \"" + args.source() + "\" does not exist on "
          + state.self().displayName());
    }
    if (participates && Files.exists(source)) {
      try {
        this.realSource = underRoot(source);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * The source's real path, which must lie under the promote root's real path: the textual check
   * of the arguments says nothing about where a link in the path leads.
   *
   * @throws JaisException 400 when the source leads out of the root
   */
  static Path underRoot(Path source) throws IOException {
    Path real = source.toRealPath();
    Path root = Path.of(PromoteArgs.ROOT).toRealPath();
    if (!real.startsWith(root)) {
      throw JaisException.invalid("invalid promote source \"" + source + "\": a symbolic link leads out of "
          + PromoteArgs.ROOT);
    }
    return real;
  }

  @Override
  protected void execute() throws IOException {
    if (!participates || !Files.exists(source)) {
      return;
    }
    realSource = underRoot(source); // again: a link may have changed since the job was created
    boolean directory = Files.isDirectory(realSource, LinkOption.NOFOLLOW_LINKS);
    parallelism(0, workers);
    if (!directory) {
      forEach(java.util.List.of(realSource).iterator(), 1, false, file -> promote(file, false));
      return;
    }
    try (SourceFiles files = new SourceFiles(realSource, args.recursive())) {
      forEach(files, workers, true, file -> promote(file, true));
    }
  }

  private void promote(Path file, boolean inDirectory) throws IOException {
    String name = objectName(file, inDirectory);
    Snode owner = state.smap().owner(bucket, name);
    boolean mine = owner == null || owner.id().equals(state.self().id());
    if (ownedOnly && !mine) {
      return; // its owner promotes it
    }
    Optional<ObjectMeta> stored;
    try {
      stored = objects.promote(bucket, name, file, args.overwrite(), caller);
    } catch (NoSuchFileException e) {
      return; // gone meanwhile (e.g. promoted and removed by another request)
    }
    if (stored.isPresent()) {
      long size = stored.get().size();
      counters().processed(size);
      if (!mine) {
        counters().sent(size);
      }
    } else {
      counters().add(SKIPPED_EXISTING, 1);
    }
    if (args.deleteSource()) {
      Files.deleteIfExists(file);
    }
  }

  /** AIS's naming: {@code obj} + the path below the directory; a lone file is {@code obj} itself unless that ends in '/'. */
  private String objectName(Path file, boolean inDirectory) {
    String prefix = args.objectName();
    if (!inDirectory) {
      return !prefix.isEmpty() && !prefix.endsWith("/") ? prefix : prefix + source.getFileName();
    }
    return prefix + realSource.relativize(file).toString();
  }

  @Override
  protected Bucket destinationBucket() {
    return bucket;
  }

  @Override
  protected String describe() {
    return args.toString();
  }
}
