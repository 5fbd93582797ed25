package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ByteRange;
import io.jais.node.storage.ObjectMeta;

/**
 * A target's S3 object routes ({@code /s3/{bucket}/{key...}}), reached through a proxy's relay or
 * redirect: GET (zero-copy, ranged, conditional), HEAD, PUT, DELETE; multipart requests go to
 * {@link S3TargetMultipartHandler}. Translates S3 requests to {@link ObjectService} calls by a
 * {@link Caller#USER} and back, so both front doors see the same objects the same way. Requests
 * must come through a proxy ({@link S3Routes#target}).
 */
public final class S3TargetObjectHandler {
  private final ClusterState state;
  private final ObjectService objects;
  private final S3TargetMultipartHandler multipart;
  private final S3Options options;

  public S3TargetObjectHandler(ClusterState state, ObjectService objects, MultipartUploads uploads, S3Options options) {
    this.state = state;
    this.objects = objects;
    this.options = options;
    this.multipart = new S3TargetMultipartHandler(state, objects, uploads, options);
  }

  public Response get(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    ObjectRead object = noSuchKeyIfMissing(key, () -> objects.get(bucket, key, Caller.USER));
    boolean handedOver = false;
    try {
      ObjectMeta meta = object.meta();
      Response.Builder response = headers(request, meta);
      if (notModified(request, meta)) {
        return response.status(304).removeHeader("Content-Type").build();
      }
      ByteRange range = selection(request, meta, response);
      long offset = range == null ? 0 : range.offset();
      long length = range == null ? meta.size() : range.length();
      if (object.shared() == null) {
        response.file(object.channel(), offset, length);
      } else {
        response.sharedFile(object.channel(), offset, length, object.shared()::release);
      }
      Response built = response.build();
      handedOver = true;
      return built;
    } finally {
      if (!handedOver) {
        object.close();
      }
    }
  }

  public Response head(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    ObjectMeta meta = noSuchKeyIfMissing(key, () -> objects.head(bucket, key, Caller.USER));
    Response.Builder response = headers(request, meta);
    if (notModified(request, meta)) {
      return response.status(304).removeHeader("Content-Type").build();
    }
    ByteRange range = selection(request, meta, response);
    return response.header("Content-Length", Long.toString(range == null ? meta.size() : range.length())).build();
  }

  /** The headers of a GET or HEAD answer. */
  private static Response.Builder headers(Request request, ObjectMeta meta) {
    return S3Metadata.overrides(S3Metadata.headers(Response.builder(200), meta), request);
  }

  /** Evaluates the request's conditions: true for 304; throws 412 when one fails. */
  private static boolean notModified(Request request, ObjectMeta meta) {
    Preconditions conditions = isCopySource(request) ? Preconditions.COPY_SOURCE : Preconditions.GET;
    return conditions.evaluate(request, S3Metadata.etag(meta), S3Metadata.mtimeNanos(meta))
        == Preconditions.Outcome.NOT_MODIFIED;
  }

  /**
   * The bytes a GET sends (and a HEAD describes): a part ({@code ?partNumber}), a {@code Range}, or
   * null for all of it; the answer made a 206 where S3 makes it one.
   */
  private static ByteRange selection(Request request, ObjectMeta meta, Response.Builder response) {
    String partNumber = request.query("partNumber");
    if (partNumber == null) {
      return range(request, meta, response);
    }
    if (request.header("Range") != null) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "Cannot specify both Range header and partNumber query parameter");
    }
    return PartRead.select(S3TargetMultipartHandler.partNumber(partNumber), meta, response);
  }

  private static boolean isCopySource(Request request) {
    return request.header(CopyObjectOp.COPY_SOURCE_MARKER) != null;
  }

  /**
   * The requested range, if any, with the answer made a 206 for it: a GET's {@code Range} as HTTP
   * reads it, a part copy's source range exactly ({@link CopySourceRange}).
   */
  private static ByteRange range(Request request, ObjectMeta meta, Response.Builder response) {
    String header = request.header("Range");
    ByteRange range = header != null && isCopySource(request) ? CopySourceRange.within(header, meta.size())
        : ByteRange.parse(header, meta.size()).orElse(null);
    if (range != null) {
      response.status(206).header("Content-Range", range.contentRange(meta.size()));
    }
    return range;
  }

  /** An object read that is missing answers S3's NoSuchKey. */
  private static <T> T noSuchKeyIfMissing(String key, ObjectCall<T> call) throws Exception {
    try {
      return call.run();
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
        throw new S3Exception(S3Error.NO_SUCH_KEY, "The specified key does not exist: " + key);
      }
      throw e;
    }
  }

  @FunctionalInterface
  private interface ObjectCall<T> {
    T run() throws Exception;
  }

  public Response put(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    if (request.query("uploadId") != null) {
      return multipart.uploadPart(request, bucket, key);
    }
    return new PutObjectOp(objects, request, bucket, key, options).run();
  }

  /** S3 answers 204 whether or not the object existed. */
  public Response delete(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    if (request.query("uploadId") != null) {
      return multipart.abort(request, bucket, key);
    }
    try {
      objects.delete(bucket, key, Caller.USER);
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
      return multipart.create(request, bucket, key);
    }
    if (request.query("uploadId") != null) {
      return multipart.complete(request, bucket, key);
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
}
