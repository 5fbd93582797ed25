package io.jais.node.job;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketRef;
import io.jais.api.job.JobSnapshot;

/**
 * Which jobs a query, a stop or a listing means (AIS {@code xreg.Flt}): by ID, kind (wire name),
 * bucket (the job's bucket, source or destination) and running state; empty fields match all.
 */
public record JobFilter(String id, String kind, Bucket bucket, boolean onlyRunning) {
  public JobFilter {
    id = id == null ? "" : id;
    kind = kind == null ? "" : kind;
  }

  public static final JobFilter ALL = new JobFilter("", "", null, false);

  public boolean matches(JobSnapshot snapshot) {
    return (id.isEmpty() || id.equals(snapshot.id())) && (kind.isEmpty() || kind.equals(snapshot.kind()))
        && (bucket == null || is(snapshot.bucket()) || is(snapshot.sourceBucket()) || is(snapshot.destinationBucket()))
        && (!onlyRunning || !snapshot.finished());
  }

  private boolean is(BucketRef ref) {
    return !ref.isEmpty() && ref.toBucket().equals(bucket);
  }
}
