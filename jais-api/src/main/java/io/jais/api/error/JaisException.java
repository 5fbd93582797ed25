package io.jais.api.error;

import io.jais.api.bucket.Bucket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type for failures a client can see. Servers map it to an HTTP status and an
 * AIS error body in one place; the Java client raises it from error responses.
 */
public class JaisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private Map<String, String> headers = Map.of();

  public JaisException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public JaisException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return code.status();
  }

  /**
   * Adds a response header the error must carry, e.g. {@code Content-Range: bytes *&#47;SIZE} on a
   * 416. Returns this exception, for {@code throw e.withHeader(...)}.
   */
  public JaisException withHeader(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(headers);
    next.put(name, value);
    headers = Collections.unmodifiableMap(next);
    return this;
  }

  /** Extra response headers of this error (usually none). */
  public Map<String, String> headers() {
    return headers;
  }

  public static JaisException invalid(String message) {
    return new JaisException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** {@code bucket "ais://name" does not exist}: the SDK maps it to ErrBckNotFound. */
  public static JaisException noSuchBucket(Bucket bucket) {
    return new JaisException(ErrorCode.BUCKET_NOT_FOUND, "bucket \"" + bucket.uri() + "\" does not exist");
  }

  /** {@code bucket "ais://name" already exists}: the SDK maps it to ErrBckAlreadyExists. */
  public static JaisException bucketExists(Bucket bucket) {
    return new JaisException(ErrorCode.BUCKET_EXISTS, "bucket \"" + bucket.uri() + "\" already exists");
  }

  /** {@code ais://bucket/object does not exist}: the SDK maps it to ErrObjNotFound. */
  public static JaisException noSuchObject(Bucket bucket, String object) {
    return new JaisException(ErrorCode.OBJECT_NOT_FOUND, bucket.uri() + "/" + object + " does not exist");
  }
}
