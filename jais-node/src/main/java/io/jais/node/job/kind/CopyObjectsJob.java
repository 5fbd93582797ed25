package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.JobKind;
import io.jais.api.job.ObjectSelection;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * {@code copy-listrange}, {@code copy-bck} and {@code move-bck}: copies a list, a range or a prefix
 * of a bucket's objects (for {@code copy-bck} the whole bucket or a prefix, for {@code move-bck}
 * every object) to a bucket as {@code prepend + name} (after the extension mapping). Every target
 * copies the selected objects it owns (HRW over the cluster map of the job's start): locally when
 * it also owns the destination name, else by sending the bytes to the destination's owner, target
 * to target (both through the {@link ObjectService}, as a local job: this target's copies only).
 * A listed name the owner lacks is an error; a range name is skipped (with {@code synchronize}
 * either one's destination copy is deleted instead, and a prefix copy then prunes the destination:
 * {@code prune}). With a prefix, a target
 * copies the objects it holds and owns; copies it holds of objects owned by another target
 * (written before that one joined) are skipped ({@value #SKIPPED}), since the owner may hold a
 * newer version, and so are objects written after the job started ({@value #SKIPPED_NEW}): a copy
 * within one bucket would otherwise copy its own copies, again and again.
 *
 * <p>A move ({@code move-bck}, a bucket rename) deletes each source object here once its copy is
 * committed in the destination, so an object is always in one bucket or both, never in none;
 * objects written into the source meanwhile are moved too. A move also empties the source of the
 * copies this target holds of objects another target owns: moved when no other copy exists,
 * dropped when the owner's copy (or its moved copy in the destination) supersedes it. The proxy drops the source bucket
 * when every target is done.
 *
 * <p>Counters: {@code loc-objs}/{@code loc-bytes} are the objects this target copied (their sum
 * over targets is the number copied), {@code out-objs}/{@code out-bytes} those of them sent to
 * another target. A dry run counts without copying. A retry copies again: each destination object
 * is written whole (workfile, then rename), so the result is the same objects, with new versions.
 *
 * <p>{@code copy-listrange} is a demand kind, as in AIS: after its work the job stays running,
 * idle, for the registry's linger time, then ends by itself; the bucket kinds are terminal. Abort
 * stops between objects.
 */
final class CopyObjectsJob extends Job {
  static final String SKIPPED = "skipped-misplaced";
  static final String SKIPPED_NEW = "skipped-new";
  static final String PRUNED = "pruned";

  private final ObjectStore store;
  private final ClusterState state;
  private final ObjectService objects;
  private final Caller caller;
  private final Bucket source;
  private final Bucket destination;
  private final CopyObjectsMsg msg;
  private final ObjectSelection selection;
  private final boolean move;

  CopyObjectsJob(JobStart start, TargetServices target) {
    super(start, SKIPPED, SKIPPED_NEW, PRUNED);
    this.store = target.store();
    this.state = target.state();
    this.objects = target.objects();
    this.caller = Caller.localJob(start.id());
    this.source = KindParams.requireBucket(start, target.state());
    this.msg = start.params(CopyObjectsMsg.class);
    if (msg.destination() == null || msg.destination().name().isEmpty()) {
      throw JaisException.invalid(start.kind() + ": missing destination bucket (tobck)");
    }
    this.move = start.kind().equals(JobKind.MOVE_BUCKET);
    this.destination = msg.dryRun() ? msg.destination() : KindParams.requireExisting(msg.destination(), target.state());
    this.selection = msg.selection();
  }

  private volatile long startNanos;

  @Override
  protected void execute() {
    // the proxy's start: one instant for all targets (a target starting later than another must
    // not take that one's copies, written before its own start, for sources)
    java.time.Instant now = clock().instant();
    long own = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    startNanos = start().startedNanos() > 0 ? Math.min(start().startedNanos(), own) : own;
    Smap smap = state.smap();
    String self = state.self().id();
    int workers = KindParams.workers(msg.workers(), store.mountpaths().all().size());
    parallelism(0, workers);
    Iterator<String> names = selection.isPrefix() ? new LocalNames(store, source, prefix(), !msg.nonRecursive())
        : selection.expanded().iterator();
    forEach(names, workers, msg.continueOnError(), name -> {
      Snode owner = smap.owner(source, name);
      if (owner == null || owner.id().equals(self)) {
        copy(name);
      } else if (move) {
        moveMisplaced(name, owner, self);
      } else if (selection.isPrefix()) {
        counters().add(SKIPPED, 1);
      }
    });
    if (msg.sync() && !msg.dryRun() && selection.isPrefix() && !isAborted()) {
      prune(smap, self, workers);
    }
  }

  /**
   * {@code synchronize} of a prefix: the destination objects under the prefix that this target
   * owns and whose source (same name: synchronizing forbids {@code prepend}) no longer exists are
   * deleted. The source's owner is asked; when it cannot tell, the object is kept and the job
   * reports the error.
   */
  private void prune(Smap smap, String self, int workers) {
    forEach(new LocalNames(store, destination, prefix(), !msg.nonRecursive()), workers, true, name -> {
      Snode owner = smap.owner(destination, name);
      if (owner != null && !owner.id().equals(self)) {
        return; // its owner prunes it
      }
      Snode sourceOwner = smap.owner(source, name);
      boolean exists = sourceOwner == null || sourceOwner.id().equals(self)
          ? KindParams.headHere(objects, source, name, caller).isPresent()
          : objects.existsOn(sourceOwner.id(), source, name);
      if (!exists) {
        deleteDestination(name);
      }
    });
  }

  private void deleteDestination(String name) throws java.io.IOException {
    try {
      objects.delete(destination, name, Caller.job(id()));
      counters().add(PRUNED, 1);
    } catch (JaisException e) {
      if (e.code() != io.jais.api.error.ErrorCode.OBJECT_NOT_FOUND) {
        throw e;
      }
    }
  }

  private String prefix() {
    String fromTemplate = selection.template().prefix();
    return fromTemplate.isEmpty() ? msg.prefix() : fromTemplate;
  }

  private void copy(String name) throws Exception {
    Optional<ObjectMeta> meta = KindParams.headHere(objects, source, name, caller);
    if (meta.isEmpty()) {
      if (msg.sync() && !msg.dryRun()) {
        deleteDestination(msg.destinationName(name)); // the source is gone: so goes its copy
        return;
      }
      if (selection.isList()) {
        fail(source.uri() + "/" + name + " does not exist");
      }
      return;
    }
    if (!move && selection.isPrefix() && meta.get().mtimeNanos() > startNanos) {
      counters().add(SKIPPED_NEW, 1);
      return;
    }
    String to = msg.destinationName(name);
    long size = meta.get().size();
    if (!msg.dryRun() && !(source.equals(destination) && name.equals(to))) {
      objects.copy(source, name, destination, to, caller);
      if (move) {
        objects.deleteIfSame(source, name, meta.get(), caller); // the version copied, not a write racing it
      }
      Snode owner = state.smap().owner(destination, to);
      if (owner != null && !owner.id().equals(state.self().id())) {
        counters().sent(size);
      }
    }
    counters().processed(size);
  }

  /**
   * A move's copy of an object another target owns: it must not go with the source. When the
   * owner holds the object, or the destination already has it (the owner moved it first), that
   * copy is the one reads return and this one is dropped; otherwise this copy is the only one and
   * moves like an owned object. Either way it leaves the source only if unchanged meanwhile.
   */
  /** This target's own copy, through the object service (a peer's view: local disks only). */
  private Optional<ObjectMeta> headHere(Bucket bucket, String name) throws IOException {
    try {
      return Optional.of(objects.head(bucket, name, Caller.peer(state.self().id())));
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void moveMisplaced(String name, Snode owner, String self) throws Exception {
    Optional<ObjectMeta> mine = headHere(source, name);
    if (mine.isEmpty()) {
      return;
    }
    String to = msg.destinationName(name);
    Snode destinationOwner = state.smap().owner(destination, to);
    boolean destinationHere = destinationOwner == null || destinationOwner.id().equals(self);
    boolean superseded = objects.existsOn(owner.id(), source, name) || (destinationHere
        ? headHere(destination, to).isPresent() : objects.existsOn(destinationOwner.id(), destination, to));
    if (superseded) {
      counters().add(SKIPPED, 1);
    } else {
      objects.copy(source, name, destination, to, caller);
      if (!destinationHere) {
        counters().sent(mine.get().size());
      }
      counters().processed(mine.get().size());
    }
    try {
      objects.deleteIfSame(source, name, mine.get(), caller);
    } catch (JaisException e) {
      if (e.code() != io.jais.api.error.ErrorCode.OBJECT_NOT_FOUND) {
        throw e;
      }
    }
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
    String what = selection.isPrefix() && !prefix().isEmpty() ? "prefix:" + prefix() : selection.toString();
    return source.uri() + "=>" + destination.uri() + ", " + what + (msg.prepend().isEmpty() ? "" : ", prepend:" + msg.prepend())
        + (msg.dryRun() ? ", dry-run" : "");
  }
}
