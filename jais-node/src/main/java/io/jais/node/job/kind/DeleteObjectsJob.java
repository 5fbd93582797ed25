package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.DeleteObjectsMsg;
import io.jais.api.job.ObjectSelection;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import java.util.Iterator;
import java.util.Optional;

/**
 * {@code delete-listrange}: deletes a list, a range or a prefix of a bucket's objects. Every target
 * runs it with the same selection:
 * <ul>
 *   <li>list and range: for each name, the owner (HRW over the cluster map of the job's start)
 *       deletes its copy; a listed name it does not have is an error (AIS: so that waiting for the
 *       job reports it), a range name it does not have is skipped. Another target that holds a
 *       copy (written before the owner joined, not moved yet) deletes it too, so that the peer
 *       lookup cannot bring the object back; such copies count as {@value #MISPLACED}.</li>
 *   <li>prefix: each target deletes every object it holds under the prefix.</li>
 * </ul>
 * {@code loc-objs}/{@code loc-bytes} count the objects deleted on their owner, so the sum over
 * targets is the number of objects the job deleted. Abort stops between objects; each deletion is
 * whole, through the {@link ObjectService} as a local job (this target's copy only: every target
 * runs the job). A name only a non-owner holds is deleted, but reported missing by
 * its owner: a rebalance in progress has not moved it there yet.
 */
final class DeleteObjectsJob extends Job {
  static final String MISPLACED = "misplaced-copies";

  private final ObjectStore store;
  private final ObjectService objects;
  private final Caller caller;
  private final ClusterState state;
  private final Bucket bucket;
  private final DeleteObjectsMsg msg;
  private final ObjectSelection selection;

  DeleteObjectsJob(JobStart start, TargetServices target) {
    super(start, MISPLACED);
    this.store = target.store();
    this.objects = target.objects();
    this.caller = Caller.localJob(start.id());
    this.state = target.state();
    this.bucket = KindParams.requireBucket(start, target.state());
    this.msg = start.params(DeleteObjectsMsg.class);
    this.selection = msg.selection();
  }

  @Override
  protected void execute() {
    Smap smap = state.smap();
    String self = state.self().id();
    int workers = KindParams.workers(msg.workers(), store.mountpaths().all().size());
    parallelism(0, workers);
    Iterator<String> names = selection.isPrefix()
        ? new LocalNames(store, bucket, selection.template().prefix(), !msg.nonRecursive())
        : selection.expanded().iterator();
    forEach(names, workers, msg.continueOnError(), name -> {
      Snode owner = smap.owner(bucket, name);
      delete(name, owner == null || owner.id().equals(self));
    });
  }

  /** Deletes this target's copy, if any; counts it as the object's or as a misplaced copy. */
  private void delete(String name, boolean owner) throws Exception {
    Optional<ObjectMeta> meta = KindParams.headHere(objects, bucket, name, caller);
    if (meta.isPresent() && deleted(name)) {
      if (owner) {
        counters().processed(meta.get().size());
      } else {
        counters().add(MISPLACED, 1);
      }
    } else if (owner && selection.isList()) {
      fail(bucket.uri() + "/" + name + " does not exist");
    }
  }

  private boolean deleted(String name) throws Exception {
    try {
      objects.delete(bucket, name, caller);
      return true;
    } catch (JaisException e) {
      if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
        throw e;
      }
      return false; // deleted by someone else meanwhile
    }
  }

  @Override
  protected String describe() {
    return bucket.uri() + ", " + selection;
  }
}
