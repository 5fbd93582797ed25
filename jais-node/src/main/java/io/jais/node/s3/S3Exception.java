package io.jais.node.s3;

import io.jais.api.error.JaisException;

/**
 * A failure with an S3-only code (NoSuchUpload, InvalidPart, ...). It stays a {@link JaisException},
 * so the one {@link io.jais.node.http.ErrorMapper} classifies it; the S3 code rides along for
 * {@link S3ErrorRenderer}.
 */
public final class S3Exception extends JaisException {
  private static final long serialVersionUID = 1L;

  private final S3Error error;

  public S3Exception(S3Error error, String message) {
    super(error.nativeCode(), message == null ? error.message() : message);
    this.error = error;
    withHeader(S3Error.CODE_HEADER, error.code());
  }

  public S3Exception(S3Error error) {
    this(error, null);
  }

  public S3Error error() {
    return error;
  }
}
