package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.HttpDate;
import io.jais.node.http.Request;
import io.jais.node.storage.ObjectName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What S3 requests name: the bucket (always {@code ais://name}) and the key; S3 time formats. */
final class S3Params {
  /** ListBuckets, ListObjects: {@code 2009-10-12T17:50:30.000Z}. */
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private S3Params() {}

  /** The S3 bucket {@code b} is the AIS bucket {@code ais://b}; an invalid name is InvalidBucketName. */
  static Bucket bucket(Request request) {
    String name = request.pathParam("bucket");
    try {
      return Bucket.ais(name).validate();
    } catch (JaisException e) {
      throw new S3Exception(S3Error.INVALID_BUCKET_NAME, "invalid bucket name \"" + name + "\": " + e.getMessage());
    }
  }

  /** The bucket, which must exist (NoSuchBucket otherwise). */
  static Bucket existingBucket(Request request, ClusterState state) {
    Bucket bucket = bucket(request);
    if (!state.bmd().contains(bucket)) {
      throw noSuchBucket(bucket);
    }
    return bucket;
  }

  static S3Exception noSuchBucket(Bucket bucket) {
    return new S3Exception(S3Error.NO_SUCH_BUCKET, "The specified bucket does not exist: " + bucket.name());
  }

  /** The object key, validated as an AIS object name. */
  static String key(Request request, Bucket bucket) {
    String key = request.pathParam("key");
    try {
      ObjectName.validate(bucket, key);
    } catch (JaisException e) {
      throw new S3Exception(key.length() > 1024 ? S3Error.KEY_TOO_LONG : S3Error.INVALID_ARGUMENT, e.getMessage());
    }
    return key;
  }

  static String iso(long epochNanos) {
    return ISO.format(Instant.ofEpochSecond(0, epochNanos));
  }

  /** {@code Last-Modified} and other HTTP dates: IMF-fixdate ({@link HttpDate}). */
  static String httpDate(long epochNanos) {
    return HttpDate.formatEpochNanos(epochNanos);
  }
}
