package io.jais.node.s3;

import io.jais.node.http.Request;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one additional checksum a client declared for a body, and where its expected value comes
 * from: an {@code x-amz-checksum-*} header, known up front, or the aws-chunked trailer {@code
 * x-amz-trailer} names, known only once the body has been read ({@link #expected} is asked then).
 */
record DeclaredChecksum(ChecksumAlgorithm algorithm, Supplier<String> expected) {
  /** What the request declares, or null when it declares no checksum. */
  static DeclaredChecksum of(Request request, AwsChunkedSource chunked) {
    List<ChecksumAlgorithm> headers = new ArrayList<>();
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      if (request.header(algorithm.header()) != null) {
        headers.add(algorithm);
      }
    }
    if (headers.size() > 1) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "Expecting a single x-amz-checksum- header. Multiple checksum"
          + " types are not allowed.");
    }
    if (headers.size() == 1) {
      ChecksumAlgorithm algorithm = headers.get(0);
      String value = request.header(algorithm.header());
      return new DeclaredChecksum(algorithm, () -> value);
    }
    String trailer = request.header("x-amz-trailer");
    if (chunked == null || trailer == null) {
      return null;
    }
    ChecksumAlgorithm algorithm = ChecksumAlgorithm.ofHeader(trailer);
    if (algorithm == null) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "x-amz-trailer \"" + trailer + "\" names no supported checksum");
    }
    return new DeclaredChecksum(algorithm, () -> chunked.trailers().get(algorithm.header()));
  }

  /** Compares the computed checksum with the declared one: BadDigest when they differ. */
  void check(byte[] computed) {
    String declared = expected.get();
    if (declared == null) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "the body ended without the " + algorithm.header()
          + " trailer that x-amz-trailer declared");
    }
    String actual = Base64.getEncoder().encodeToString(computed);
    if (!actual.equals(declared.strip())) {
      throw new S3Exception(S3Error.BAD_DIGEST, "The " + algorithm.name() + " you specified (" + declared.strip()
          + ") did not match the calculated checksum (" + actual + ").");
    }
  }
}
