package io.jais.node.archive;

import io.jais.api.batch.MossIn;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.ArchiveMsg;
import io.jais.api.job.ObjectSelection;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.job.kind.TargetServices;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.PutArgs;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code archive}: writes a list, a range or a prefix of a bucket's objects into one shard
 * ({@code archname} in {@code tobck}), optionally appending to the shard that is there. The job
 * runs on every target; the target that owns the shard's name by HRW does the work, reading each
 * object where it lives (its own through the object service, others' from their owners), in the
 * selection's order; the others have nothing to do.
 *
 * <p>Design notes: the shard is produced by a writer thread into a pipe and stored by one PUT
 * through the {@link ObjectService} (workfile, then rename): never whole in memory, and a failure
 * anywhere (an unreadable object without {@code coer}, a malformed shard to append to, an abort)
 * fails the PUT, so the previous shard, if any, stays as it was and nothing half-written appears.
 * Appending copies the existing members first, then adds the new ones (a new version of the shard).
 * A demand kind, as in AIS: after its work it stays running and idle, then ends.
 */
public final class ArchiveJob extends Job {
  private static final int PIPE = 1 << 20;
  /** The size of the shard written (with what it held before, when appending). */
  static final String SHARD_BYTES = "shard-bytes";

  private final ClusterState state;
  private final ObjectService objects;
  private final ClusterEntries entries;
  private final TargetServices target;
  private final Bucket source;
  private final Bucket destination;
  private final ArchiveMsg msg;
  private final ObjectSelection selection;
  private final ArchiveFormat format;

  public ArchiveJob(JobStart start, TargetServices target) {
    super(start, SHARD_BYTES);
    this.target = target;
    this.state = target.state();
    this.objects = target.objects();
    this.entries = new ClusterEntries(state, objects, target.intra());
    this.source = requireExisting(start.bucket(), "source");
    this.msg = start.params(ArchiveMsg.class);
    this.destination = requireExisting(msg.destinationOr(source), "destination");
    this.selection = msg.selection();
    this.format = ArchiveFormat.forWriting(msg.mime(), msg.archname());
  }

  private Bucket requireExisting(Bucket bucket, String role) {
    if (bucket == null) {
      throw JaisException.invalid("archive: missing " + role + " bucket");
    }
    if (!state.bmd().contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
    return bucket;
  }

  @Override
  protected void execute() throws Exception {
    Snode owner = state.smap().owner(destination, msg.archname());
    if (owner != null && !owner.id().equals(state.self().id())) {
      return; // the shard's owner collects every object
    }
    parallelism(0, 1);
    PipedInputStream in = new PipedInputStream(PIPE);
    PipedOutputStream out = new PipedOutputStream(in);
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      try (out) {
        write(out);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, runnable -> Thread.ofVirtual().name("archive-" + id()).start(runnable));
    ObjectMeta stored;
    try (InputStream body = new WriterChecked(in, writing)) {
      stored = objects.put(destination, msg.archname(), new StreamSource(body), PutArgs.PLAIN, Caller.job(id()));
    } catch (IOException | RuntimeException e) {
      Throwable cause = writerFailure(writing);
      if (cause != null) {
        throw cause instanceof Exception ex ? ex : new IOException(cause);
      }
      throw e;
    }
    counters().add(SHARD_BYTES, stored.size());
  }

  private static Throwable writerFailure(CompletableFuture<Void> writing) throws InterruptedException {
    try {
      writing.get();
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return cause instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : cause;
    }
  }

  /**
   * The pipe's reading end, which at the end of the stream waits for the writer and fails if it
   * failed: a writer that gave up closes the pipe like one that finished, and the PUT must not
   * store what it wrote until then.
   */
  private static final class WriterChecked extends java.io.FilterInputStream {
    private final CompletableFuture<Void> writing;

    WriterChecked(InputStream in, CompletableFuture<Void> writing) {
      super(in);
      this.writing = writing;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      return b < 0 ? end() : b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      return n < 0 ? end() : n;
    }

    private int end() throws IOException {
      try {
        Throwable cause = writerFailure(writing);
        if (cause != null) {
          throw new IOException("archive writer failed: " + cause.getMessage(), cause);
        }
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted waiting for the archive writer");
      }
    }
  }

  private void write(PipedOutputStream out) throws Exception {
    try (ArchiveWriter writer = ArchiveWriter.create(format, out)) {
      if (msg.appendIfExists()) {
        copyExisting(writer);
      }
      Iterator<String> names = selection.isPrefix()
          ? new ClusterNames(target.intra(), state.smap().activeTargets(), source, prefix(), !msg.nonRecursive())
          : selection.expanded().iterator();
      while (names.hasNext()) {
        checkAborted();
        String name = names.next();
        if (source.equals(destination) && name.equals(msg.archname())) {
          continue; // the shard itself, when it is in the selection
        }
        add(writer, name);
      }
      writer.finish();
    }
  }

  private void copyExisting(ArchiveWriter writer) throws IOException {
    ShardFile shard;
    try {
      shard = ShardFile.open(objects, destination, msg.archname(), Caller.job(id()));
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
        return; // nothing to append to: a new shard
      }
      throw e;
    }
    try (shard; ArchiveReader reader = shard.reader()) {
      for (ArchiveReader.Member member = reader.next(); member != null; member = reader.next()) {
        checkAborted();
        writer.add(member.name(), member.size(), member.mtimeMillis(), member.content());
      }
    }
  }

  private void add(ArchiveWriter writer, String name) throws Exception {
    MossIn in = new MossIn(name, source.name(), source.provider().wireName(), "", "", "", 0, 0);
    OpenEntry entry;
    try {
      entry = entries.open(in, source, id());
    } catch (JaisException e) {
      boolean missing = e.status() == 404;
      if (missing && selection.isRange()) {
        return; // a range names what may not exist
      }
      if (msg.continueOnError()) {
        fail(e.getMessage());
        return;
      }
      throw e;
    }
    try (entry) {
      writer.add(msg.memberName(source, name), entry.size(), entry.mtimeMillis(), entry.content());
      counters().processed(entry.size());
      if (entry.remote()) {
        counters().received(entry.size());
      }
    }
  }

  private String prefix() {
    return selection.template().prefix();
  }

  @Override
  protected Bucket sourceBucket() {
    return source;
  }

  @Override
  protected Bucket destinationBucket() {
    return destination;
  }

  @Override
  protected String describe() {
    return source.uri() + "=>" + destination.uri() + "/" + msg.archname() + ", " + selection
        + (msg.appendIfExists() ? ", append" : "");
  }
}
