package io.jais.node.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.ActMsg;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.ObjectUname;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.CopyBucketMsg;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;
import io.jais.api.job.JobStatus;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.job.JobStart;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole-bucket jobs: {@code POST /v1/buckets/<from>?bck_to=<uname>} with {@code copy-bck}
 * (copy every object, or those under a prefix, to another bucket, which is created with the
 * source's properties when it does not exist) and {@code move-bck} (rename: the destination must
 * not exist; it is created with the source's properties, every target moves its objects there,
 * and the source leaves the bucket metadata when every target is done). Both run one job on every
 * target; objects go target to target, never through a proxy. Each answers the job's ID as text.
 *
 * <p><b>Design notes.</b> Bucket metadata changes happen on the primary: a non-primary proxy
 * forwards a request that creates a bucket (every rename, and a copy to a new bucket), as AIS
 * does. A destination created for a job that then cannot start is destroyed again. A rename's
 * last step (dropping the source) waits for the job on a virtual thread of the primary, polling
 * its cluster-wide status, then lists the source on every target and drops it only when it is
 * empty; objects left (written behind the walk, say) start another
 * pass, a bounded number of times. If a job fails or is aborted, or the passes run out, both
 * buckets stay, each with the objects it holds (AIS keeps both as well). A write acknowledged
 * between the last, empty, listing and the drop is lost: closing that window needs the targets
 * to refuse writes into the source first. If the primary restarts during a rename the source stays, and
 * a second rename into the same destination is refused (409): destroy the source once its objects
 * are verified in the destination. A waiter on the job may see it end a moment before the source
 * is gone from the bucket metadata.
 */
final class BucketCopyActions {
  private static final Logger LOG = LoggerFactory.getLogger(BucketCopyActions.class);
  private static final Duration RENAME_POLL = Duration.ofMillis(200);
  /** How many times a rename runs its move before giving up on an emptied source (both stay). */
  static final int RENAME_PASSES = 3;

  private final ClusterState state;
  private final Supplier<BucketMetadata> buckets;
  private final PrimaryForwarder forwarder;
  private final JobCoordinator jobs;
  private final ObjectLister lister;

  BucketCopyActions(ClusterState state, Supplier<BucketMetadata> buckets, PrimaryForwarder forwarder,
      JobCoordinator jobs, ObjectLister lister) {
    this.state = state;
    this.buckets = buckets;
    this.forwarder = forwarder;
    this.jobs = jobs;
    this.lister = lister;
  }

  /** {@code copy-bck}. */
  Response copy(Request request, Bucket source, byte[] body, ActMsg msg) throws Exception {
    BucketProps sourceProps = requireBucket(source);
    CopyBucketMsg value = msg.hasValue() ? WireJson.convert(msg.value(), CopyBucketMsg.class)
        : new CopyBucketMsg("", "", null, false, false, false, false, 0, false);
    Bucket destination = destination(request, "copy-bck");
    if (!destination.isLocal()) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "copy-bck to " + destination.uri()
          + ": only ais buckets of this cluster are supported in JAIS yet");
    }
    if (value.sync() && !value.prepend().isEmpty()) {
      throw JaisException.invalid("copy-bck: cannot synchronize and prepend (\"" + value.prepend() + "\") at once");
    }
    if (!value.dryRun() && source.equals(destination)) {
      throw JaisException.invalid("cannot copy-bck bucket " + source.uri() + " onto itself");
    }
    BucketMetadata created = null;
    if (!value.dryRun() && !state.bmd().contains(destination)) {
      BucketMetadata primary = buckets.get();
      if (primary == null) {
        return forwarder.forward(request, body); // only the primary creates buckets
      }
      created = createIfAbsent(primary, destination, sourceProps);
    }
    try {
      return Response.text(jobs.start(JobStart.onBucket("", JobKind.COPY_BUCKET, source, value.toObjects(destination))));
    } catch (RuntimeException | InterruptedException e) {
      if (created != null) {
        created.destroy(destination);
      }
      throw e;
    }
  }

  /** {@code move-bck}: rename {@code source} to the request's {@code bck_to}. */
  Response move(Request request, Bucket source, byte[] body) throws Exception {
    Bucket destination = destination(request, "move-bck");
    if (!source.isLocal() || !destination.isLocal()) {
      throw JaisException.invalid("move-bck: can only rename an ais bucket to an ais bucket (" + source.uri()
          + " => " + destination.uri() + ")");
    }
    if (source.equals(destination)) {
      throw JaisException.invalid("cannot rename bucket " + source.uri() + " to itself");
    }
    BucketProps sourceProps = requireBucket(source);
    if (state.bmd().contains(destination)) {
      throw JaisException.bucketExists(destination);
    }
    BucketMetadata primary = buckets.get();
    if (primary == null) {
      return forwarder.forward(request, body);
    }
    JsonNode props = WireJson.MAPPER.valueToTree(sourceProps);
    primary.create(destination, props); // 409 when someone just created it
    JobStart move = JobStart.onBucket("", JobKind.MOVE_BUCKET, source,
        new CopyObjectsMsg(destination, "", null, "", "", null, false, false, false, false, 0, false, false));
    String id;
    try {
      id = jobs.start(move);
    } catch (RuntimeException | InterruptedException e) {
      primary.destroy(destination);
      throw e;
    }
    Thread.ofVirtual().name("rename-" + id).start(() -> finishRename(primary, id, move, source, destination));
    return Response.text(id);
  }

  /**
   * Drops the source from the bucket metadata once a move has ended well everywhere and left the
   * source empty, as every target lists it: objects written into the source behind the walk, and
   * copies a target holds of objects another target owns, would otherwise go with the source. A
   * pass that leaves objects is followed by another move job, up to {@value #RENAME_PASSES} in all;
   * then both buckets stay, each with what it holds.
   */
  private void finishRename(BucketMetadata primary, String firstId, JobStart move, Bucket source, Bucket destination) {
    String id = firstId;
    try {
      for (int pass = 1; ; pass++) {
        if (!endedWell(id, source, destination)) {
          return;
        }
        if (lister.list(source, ListObjectsMsg.of("", 1)).entries().isEmpty()) {
          break;
        }
        if (pass == RENAME_PASSES) {
          LOG.warn("rename {} => {} ({}): objects are still in the source after {} passes; keeping both buckets",
              source.uri(), destination.uri(), firstId, pass);
          return;
        }
        id = jobs.start(move);
        LOG.info("rename {} => {} ({}): objects left in the source, pass {} ({})", source.uri(), destination.uri(),
            firstId, pass + 1, id);
      }
      primary.destroy(source);
      LOG.info("renamed {} => {} ({})", source.uri(), destination.uri(), firstId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("rename {} => {} ({}): cannot drop the source", source.uri(), destination.uri(), firstId, e);
    }
  }

  /** Waits for the job; whether it ended without error or abort everywhere. */
  private boolean endedWell(String id, Bucket source, Bucket destination) throws InterruptedException {
    JobStatus status;
    while (true) {
      try {
        status = jobs.status(JobQuery.ofId(id));
        if (status.finished()) {
          break;
        }
      } catch (JaisException e) {
        if (e.code() == ErrorCode.NOT_FOUND) {
          LOG.warn("rename {} => {}: job {} is gone; keeping both buckets", source.uri(), destination.uri(), id);
          return false;
        }
        // a target did not answer: ask again
      }
      Thread.sleep(RENAME_POLL);
    }
    if (status.aborted() || !status.error().isEmpty()) {
      LOG.warn("rename {} => {} ({}) did not complete: {}; keeping both buckets", source.uri(), destination.uri(),
          id, status.aborted() ? "aborted " + status.error() : status.error());
      return false;
    }
    return true;
  }

  private static Bucket destination(Request request, String action) {
    String uname = request.query(QueryParam.BUCKET_TO, "");
    if (uname.isEmpty()) {
      throw JaisException.invalid(action + ": missing destination bucket (query parameter " + QueryParam.BUCKET_TO + ")");
    }
    return ObjectUname.parse(uname).bucket().validate();
  }

  /** Creates the destination with the source's properties; null when someone else just created it. */
  private static BucketMetadata createIfAbsent(BucketMetadata primary, Bucket destination, BucketProps sourceProps) {
    try {
      primary.create(destination, WireJson.MAPPER.valueToTree(sourceProps));
      return primary;
    } catch (JaisException e) {
      if (e.code() == ErrorCode.BUCKET_EXISTS) {
        return null;
      }
      throw e;
    }
  }

  private BucketProps requireBucket(Bucket bucket) {
    return state.bmd().props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
  }
}
