package io.jais.node.s3;

import io.jais.api.error.ErrorCode;

/**
 * Every S3 error a client can see: the S3 code, its HTTP status and a default message (as Ozone's
 * {@code S3ErrorTable}). {@link #of(ErrorCode)} is the one mapping from the native error vocabulary,
 * so native failures raised below the S3 front door reach S3 clients with the code they expect.
 */
public enum S3Error {
  ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
  AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400,
      "The authorization header you provided is invalid."),
  INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403,
      "The AWS access key ID you provided does not exist in our records."),
  REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403,
      "The difference between the request time and the server's time is too large."),
  CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400,
      "The provided 'x-amz-content-sha256' header does not match what was computed."),
  BAD_DIGEST("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
  BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409,
      "Your previous request to create the named bucket succeeded and you already own it."),
  BUCKET_NOT_EMPTY("BucketNotEmpty", 409, "The bucket you tried to delete is not empty."),
  ENTITY_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
  INCOMPLETE_BODY("IncompleteBody", 400,
      "You did not provide the number of bytes specified by the Content-Length HTTP header."),
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
  INVALID_BUCKET_NAME("InvalidBucketName", 400, "The specified bucket is not valid."),
  INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
  INVALID_PART("InvalidPart", 400,
      "One or more of the specified parts could not be found. The part may not have been uploaded,"
          + " or the specified entity tag may not match the part's entity tag."),
  INVALID_PART_ORDER("InvalidPartOrder", 400,
      "The list of parts was not in ascending order. The parts list must be specified in order by part number."),
  INVALID_OBJECT_STATE("InvalidObjectState", 410,
      "The object is corrupted and quarantined: no intact copy is left to serve it from."),
  INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable"),
  INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
  INVALID_PART_NUMBER("InvalidPartNumber", 416, "The requested partnumber is not satisfiable"),
  INVALID_REDIRECT_LOCATION("InvalidRedirectLocation", 400,
      "The website redirect location must have a prefix of 'http://' or 'https://' or '/'."),
  INVALID_STORAGE_CLASS("InvalidStorageClass", 400, "The storage class you specified is not valid"),
  METADATA_TOO_LARGE("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size."),
  KEY_TOO_LONG("KeyTooLongError", 400, "Your key is too long"),
  MALFORMED_XML("MalformedXML", 400,
      "The XML you provided was not well-formed or did not validate against our published schema."),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
  NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist."),
  NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist."),
  NO_SUCH_UPLOAD("NoSuchUpload", 404,
      "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload"
          + " might have been aborted or completed."),
  NOT_IMPLEMENTED("NotImplemented", 501, "A header you provided implies functionality that is not implemented."),
  PRECONDITION_FAILED("PreconditionFailed", 412,
      "At least one of the preconditions you specified did not hold."),
  REQUEST_HEADER_SECTION_TOO_LARGE("RequestHeaderSectionTooLarge", 400,
      "Your request header section exceeds the maximum allowed size."),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Please reduce your request rate."),
  SLOW_DOWN("SlowDown", 503, "Please reduce your request rate."),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
      "The request signature we calculated does not match the signature you provided."),
  ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size.");

  /**
   * Carries an S3-only code (one with no native {@link ErrorCode}) from {@link S3Exception} to
   * {@link S3ErrorRenderer}. S3 itself uses this header name on some error responses, so it is
   * harmless to leave on the wire, and it tells HEAD callers (which get no body) what went wrong.
   */
  static final String CODE_HEADER = "x-amz-error-code";

  private final String code;
  private final int status;
  private final String message;

  S3Error(String code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }

  /** The S3 error for a native error code: the single place the two vocabularies meet. */
  public static S3Error of(ErrorCode code) {
    return switch (code) {
      case BUCKET_NOT_FOUND, REMOTE_BUCKET_NOT_FOUND -> NO_SUCH_BUCKET;
      case OBJECT_NOT_FOUND, NOT_FOUND -> NO_SUCH_KEY;
      case BUCKET_EXISTS -> BUCKET_ALREADY_OWNED_BY_YOU;
      case RANGE_NOT_SATISFIABLE -> INVALID_RANGE;
      case BAD_DIGEST -> BAD_DIGEST;
      case MALFORMED_BODY -> MALFORMED_XML;
      case INVALID_ARGUMENT, INVALID_NAME, INVALID_CONFIG, UNKNOWN_ACTION, NOT_REDIRECTED -> INVALID_ARGUMENT;
      case PAYLOAD_TOO_LARGE -> ENTITY_TOO_LARGE;
      case HEADERS_TOO_LARGE, URI_TOO_LONG -> REQUEST_HEADER_SECTION_TOO_LARGE;
      case UNAUTHORIZED, FORBIDDEN -> ACCESS_DENIED;
      case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
      case PRECONDITION_FAILED -> PRECONDITION_FAILED;
      case NOT_IMPLEMENTED -> NOT_IMPLEMENTED;
      case UNAVAILABLE, BUSY, LOCKED -> SERVICE_UNAVAILABLE;
      case OVERLOADED -> SLOW_DOWN;
      case OBJECT_QUARANTINED -> INVALID_OBJECT_STATE; // S3's word for "exists, cannot be read as it is"
      case CONFLICT -> INVALID_REQUEST;
      default -> INTERNAL_ERROR;
    };
  }

  /** The native code whose status this error is answered with (the HTTP layer takes it from there). */
  ErrorCode nativeCode() {
    return switch (status) {
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> this == NO_SUCH_BUCKET ? ErrorCode.BUCKET_NOT_FOUND : ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 409 -> this == BUCKET_ALREADY_OWNED_BY_YOU ? ErrorCode.BUCKET_EXISTS : ErrorCode.CONFLICT;
      case 410 -> ErrorCode.OBJECT_QUARANTINED;
      case 412 -> ErrorCode.PRECONDITION_FAILED;
      case 416 -> ErrorCode.RANGE_NOT_SATISFIABLE;
      case 500 -> ErrorCode.INTERNAL;
      case 501 -> ErrorCode.NOT_IMPLEMENTED;
      case 503 -> ErrorCode.UNAVAILABLE;
      default -> ErrorCode.INVALID_ARGUMENT;
    };
  }
}
