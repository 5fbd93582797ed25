package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.storage.ByteRange;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;

/**
 * A target's S3 object routes ({@code /s3/{bucket}/{key...}}), reached through a proxy's relay or
 * redirect: GET (zero-copy, ranged, conditional), HEAD, PUT, DELETE; multipart requests go to
 * {@link S3TargetMultipartHandler}. Requests must come through a proxy ({@link S3Routes#target}).
 */
public final class S3TargetObjectHandler {
  private final ClusterState state;
  private final ObjectStore store;
  private final S3TargetMultipartHandler multipart;
  private final S3Options options;

  public S3TargetObjectHandler(ClusterState state, ObjectStore store, S3Options options) {
    this.state = state;
    this.store = store;
    this.options = options;
    this.multipart = new S3TargetMultipartHandler(state, store, options);
  }

  public Response get(Request request) throws Exception {
    return read(request, false);
  }

  public Response head(Request request) throws Exception {
    return read(request, true);
  }

  private Response read(Request request, boolean head) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    OpenedObject object = open(bucket, key);
    boolean handedOver = false;
    try {
      ObjectMeta meta = object.meta();
      Response.Builder response = S3Metadata.overrides(S3Metadata.headers(Response.builder(200), meta), request);
      Preconditions conditions =
          request.header("x-jais-copy-source") != null ? Preconditions.COPY_SOURCE : Preconditions.GET;
      if (conditions.evaluate(request, S3Metadata.etag(meta), S3Metadata.mtimeNanos(meta))
          == Preconditions.Outcome.NOT_MODIFIED) {
        return response.status(304).removeHeader("Content-Type").build();
      }
      ByteRange range = ByteRange.parse(request.header("Range"), meta.size()).orElse(null);
      long offset = range == null ? 0 : range.offset();
      long length = range == null ? meta.size() : range.length();
      if (range != null) {
        response.status(206).header("Content-Range", range.contentRange(meta.size()));
      }
      if (head) {
        return response.header("Content-Length", Long.toString(length)).build();
      }
      Response built = response.file(object.channel(), offset, length).build();
      handedOver = true;
      return built;
    } finally {
      if (!handedOver) {
        object.close();
      }
    }
  }

  private OpenedObject open(Bucket bucket, String key) throws Exception {
    try {
      return store.open(bucket, key, false);
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
        throw new S3Exception(S3Error.NO_SUCH_KEY, "The specified key does not exist: " + key);
      }
      throw e;
    }
  }

  public Response put(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    if (request.query("uploadId") != null) {
      return multipart.uploadPart(request, bucket, key);
    }
    return new PutObjectOp(store, request, bucket, key, props(bucket), options).run();
  }

  /** S3 answers 204 whether or not the object existed. */
  public Response delete(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    if (request.query("uploadId") != null) {
      return multipart.abort(request, bucket, key);
    }
    try {
      store.delete(bucket, key);
    } catch (JaisException e) {
      if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
        throw e;
      }
    }
    return Response.status(204);
  }

  /** POST {@code ?uploads} starts a multipart upload, POST {@code ?uploadId=} completes one. */
  public Response post(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    if (request.query("uploads") != null) {
      return multipart.create(request, bucket, key, props(bucket));
    }
    if (request.query("uploadId") != null) {
      return multipart.complete(request, bucket, key, props(bucket));
    }
    throw new S3Exception(S3Error.INVALID_REQUEST, "POST on an object needs ?uploads or ?uploadId");
  }

  /** GET {@code ?uploadId=}: ListParts. */
  public Response getOrListParts(Request request) throws Exception {
    if (request.query("uploadId") != null) {
      Bucket bucket = S3Params.existingBucket(request, state);
      return multipart.listParts(request, bucket, S3Params.key(request, bucket));
    }
    return get(request);
  }

  /** GET {@code /s3/{bucket}?uploads}: this target's multipart uploads of the bucket. */
  public Response listUploads(Request request) throws Exception {
    return multipart.listUploads(request);
  }

  private BucketProps props(Bucket bucket) {
    return state.bmd().props(bucket).orElseThrow(() -> S3Params.noSuchBucket(bucket));
  }
}
