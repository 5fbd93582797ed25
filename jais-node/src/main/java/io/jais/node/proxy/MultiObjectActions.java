package io.jais.node.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.ActMsg;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.ArchiveMsg;
import io.jais.api.job.CopyObjectsMsg;
import io.jais.api.job.DeleteObjectsMsg;
import io.jais.api.job.JobKind;
import io.jais.api.json.WireJson;
import io.jais.node.archive.ArchiveFormat;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.job.JobStart;
import java.util.function.Supplier;

/**
 * The multi-object bucket actions: {@code DELETE /v1/buckets/<b>} {@code delete-listrange} and
 * {@code POST /v1/buckets/<b>} {@code copy-listrange}. Each checks its message (the selection:
 * list, template or prefix; the destination), then runs one job on every target and answers its
 * ID as text. A copy to a bucket that does not exist creates it first with the source's
 * properties (on the primary: a non-primary proxy forwards such a request there), and destroys
 * it again if the job cannot start. Any proxy starts the job itself otherwise, as in AIS.
 */
final class MultiObjectActions {
  private final ClusterState state;
  private final Supplier<BucketMetadata> buckets;
  private final PrimaryForwarder forwarder;
  private final JobCoordinator jobs;

  MultiObjectActions(ClusterState state, Supplier<BucketMetadata> buckets, PrimaryForwarder forwarder, JobCoordinator jobs) {
    this.state = state;
    this.buckets = buckets;
    this.forwarder = forwarder;
    this.jobs = jobs;
  }

  /** {@code delete-listrange}; no value selects every object of the bucket, as in AIS. */
  Response delete(Bucket bucket, ActMsg msg) throws InterruptedException {
    requireBucket(bucket);
    DeleteObjectsMsg value = msg.hasValue() ? WireJson.convert(msg.value(), DeleteObjectsMsg.class)
        : new DeleteObjectsMsg("", null, 0, false, false);
    value.selection();
    return Response.text(jobs.start(JobStart.onBucket("", JobKind.DELETE_OBJECTS, bucket, value)));
  }

  /**
   * {@code archive}: the shard's name must have an archive extension (and agree with {@code mime});
   * the destination ({@code tobck}, else the source) must exist, as in AIS.
   */
  Response archive(Bucket bucket, ActMsg msg) throws InterruptedException {
    requireBucket(bucket);
    if (!msg.hasValue()) {
      throw JaisException.invalid("archive: missing value (objects and archive name)");
    }
    ArchiveMsg value = WireJson.convert(msg.value(), ArchiveMsg.class);
    if (value.archname().isEmpty()) {
      throw JaisException.invalid("archive: missing archive name (archname)");
    }
    ArchiveFormat.forWriting(value.mime(), value.archname());
    Bucket destination = value.destinationOr(bucket).validate();
    requireBucket(destination);
    value.selection();
    return Response.text(jobs.start(JobStart.onBucket("", JobKind.ARCHIVE, bucket, value)));
  }

  /** {@code copy-listrange}. */
  Response copy(Request request, Bucket bucket, byte[] body, ActMsg msg) throws Exception {
    BucketProps sourceProps = requireBucket(bucket);
    if (!msg.hasValue()) {
      throw JaisException.invalid("copy-listrange: missing value (objects and destination bucket)");
    }
    CopyObjectsMsg value = WireJson.convert(msg.value(), CopyObjectsMsg.class);
    if (value.destination() == null || value.destination().name().isEmpty()) {
      throw JaisException.invalid("copy-listrange: missing destination bucket (tobck)");
    }
    Bucket destination = value.destination().validate();
    if (!destination.isLocal()) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "copy-listrange to " + destination.uri()
          + ": only ais buckets of this cluster are supported in JAIS yet");
    }
    value.selection();
    if (value.sync() && !value.prepend().isEmpty()) {
      throw JaisException.invalid("copy-listrange: cannot synchronize and prepend (\"" + value.prepend() + "\") at once");
    }
    BucketMetadata created = null;
    if (!value.dryRun() && !state.bmd().contains(destination)) {
      BucketMetadata primary = buckets.get();
      if (primary == null) {
        return forwarder.forward(request, body); // only the primary creates buckets
      }
      created = create(primary, destination, sourceProps);
    }
    try {
      return Response.text(jobs.start(JobStart.onBucket("", JobKind.COPY_OBJECTS, bucket, value)));
    } catch (RuntimeException | InterruptedException e) {
      if (created != null) {
        created.destroy(destination);
      }
      throw e;
    }
  }

  /** Creates the destination with the source's properties; null when someone else just created it. */
  private static BucketMetadata create(BucketMetadata primary, Bucket destination, BucketProps sourceProps) {
    JsonNode props = WireJson.MAPPER.valueToTree(sourceProps);
    try {
      primary.create(destination, props);
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
