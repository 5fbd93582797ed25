package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.error.JaisException;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;

/**
 * {@code ec-encode} (display name {@code ec-bucket}): erasure-codes the objects a bucket already
 * holds, after the proxy has turned {@code ec} on in its properties. Every target walks its own
 * objects of the bucket and encodes those it owns (the owner sends slices, as after a PUT);
 * objects that already have slices of the same write get them again (holders replace them), so
 * the job also repairs lost slices. Categories: {@value #ENCODED} objects encoded,
 * {@value #SKIPPED} objects here that this target does not own, or that changed while walked.
 */
public final class EcEncodeJob extends Job {
  static final String ENCODED = "ec-encoded";
  static final String SKIPPED = "ec-skipped";

  private final EcService ec;
  private final Bucket bucket;

  public EcEncodeJob(JobStart start, EcService ec) {
    super(start, ENCODED, SKIPPED);
    this.ec = ec;
    if (start.bucket() == null) {
      throw JaisException.invalid("ec-encode: a bucket is required");
    }
    this.bucket = start.bucket();
    BucketProps props = ec.props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
    if (!props.ec().enabled()) {
      throw JaisException.invalid("ec-encode: erasure coding is not enabled on " + bucket.uri());
    }
  }

  @Override
  protected void execute() throws Exception {
    parallelism(1, 0);
    ec.forEachLocalObject(bucket, this::isAborted, (b, name) -> {
      checkAborted();
      try {
        if (ec.encode(b, name, null)) {
          counters().add(ENCODED, 1);
          counters().processed(0);
        } else {
          counters().add(SKIPPED, 1);
        }
      } catch (java.io.IOException e) {
        fail(b.uri() + "/" + name + ": " + message(e));
      }
    });
    checkAborted();
  }

  @Override
  protected String describe() {
    return bucket.uri();
  }
}
