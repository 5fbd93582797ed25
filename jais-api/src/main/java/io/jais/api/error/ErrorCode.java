package io.jais.api.error;

/**
 * Every failure a client can see. The HTTP status and the AIS type name ({@code tcode}) are part
 * of the wire contract: the AIS Python SDK picks its exception class from the status plus the
 * {@code ais://bucket[/object]} URI in the message, and retries 429/5xx for ~90 s, so
 * deterministic errors must never map to those statuses.
 */
public enum ErrorCode {
  INVALID_ARGUMENT(400, ""),
  INVALID_NAME(400, "ErrInvalidName"),
  INVALID_CONFIG(400, "ErrInvalidConfig"),
  UNKNOWN_ACTION(400, "ErrUnsupported"),
  /** Bucket settings the cluster has too few targets for (erasure coding D+P+1). */
  NOT_ENOUGH_TARGETS(400, "ErrNotEnoughTargets"),
  MALFORMED_BODY(400, "ErrInvalidBody"),
  BAD_DIGEST(400, "ErrInvalidCksum"),
  NOT_REDIRECTED(400, "ErrNotRedirected"),
  /** A shard that cannot be read as its format: malformed, truncated, a member name escaping it, a zip bomb. */
  BAD_ARCHIVE(400, ""),
  UNAUTHORIZED(401, "ErrUnauthorized"),
  FORBIDDEN(403, "ErrForbidden"),
  BUCKET_NOT_FOUND(404, "ErrBckNotFound"),
  REMOTE_BUCKET_NOT_FOUND(404, "ErrRemoteBckNotFound"),
  OBJECT_NOT_FOUND(404, "ErrNotFound"),
  NOT_FOUND(404, "ErrNotFound"),
  METHOD_NOT_ALLOWED(405, "ErrMethodNotAllowed"),
  BUCKET_EXISTS(409, "ErrBucketAlreadyExists"),
  CONFLICT(409, "ErrConflict"),
  BUSY(409, "ErrBusy"),
  PRECONDITION_FAILED(412, "ErrPreconditionFailed"),
  PAYLOAD_TOO_LARGE(413, "ErrTooLarge"),
  URI_TOO_LONG(414, "ErrTooLong"),
  RANGE_NOT_SATISFIABLE(416, "ErrRangeNotSatisfiable"),
  HEADERS_TOO_LARGE(431, "ErrTooLarge"),
  LOCKED(423, "ErrLocked"),
  /**
   * An object whose data failed its checksum with nothing intact to restore it from: kept aside
   * (quarantined), never served. 410 so that clients do not retry (AIS SDKs retry 5xx for
   * minutes); it stays until the object is written again or deleted.
   */
  OBJECT_QUARANTINED(410, "ErrObjQuarantined"),
  CHECKSUM_MISMATCH(500, "ErrInvalidCksum"),
  INTERNAL(500, ""),
  NOT_IMPLEMENTED(501, "ErrNotImplemented"),
  UNAVAILABLE(503, "ErrUnavailable"),
  /** A node past its bound of requests in flight: retry later (clients do, with back-off). */
  OVERLOADED(503, ""),
  OUT_OF_SPACE(507, "ErrCapExceeded");

  private final int status;
  private final String aisType;

  ErrorCode(int status, String aisType) {
    this.status = status;
    this.aisType = aisType;
  }

  /** The HTTP status this code is answered with. */
  public int status() {
    return status;
  }

  /** The AIS {@code tcode} (Go error type name); empty when AIS sends none. */
  public String aisType() {
    return aisType;
  }

  /**
   * The code a client should see for a received status and {@code tcode}; used by the Java client
   * to turn an error body back into the same vocabulary.
   */
  public static ErrorCode of(int status, String aisType) {
    for (ErrorCode code : values()) {
      if (code.status == status && !code.aisType.isEmpty() && code.aisType.equals(aisType)) {
        return code;
      }
    }
    return switch (status) {
      case 400 -> INVALID_ARGUMENT;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 416 -> RANGE_NOT_SATISFIABLE;
      case 431 -> HEADERS_TOO_LARGE;
      case 423 -> LOCKED;
      case 501 -> NOT_IMPLEMENTED;
      case 503 -> UNAVAILABLE;
      case 507 -> OUT_OF_SPACE;
      default -> status >= 500 ? INTERNAL : INVALID_ARGUMENT;
    };
  }
}
