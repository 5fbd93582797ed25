package io.jais.node.s3;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The signature chain of a signed aws-chunked body ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}):
 * each chunk's signature covers the previous one (the first, the header's seed signature) and the
 * SHA-256 of the chunk's data; the trailer signature covers the last chunk's and the trailers.
 */
final class ChunkSignatures {
  private final SigV4Verifier.Context context;
  private String previous;
  private MessageDigest chunkHash = SigV4.sha256();

  ChunkSignatures(SigV4Verifier.Context context) {
    this.context = context;
    this.previous = context.seedSignature();
  }

  void update(byte[] data, int offset, int length) {
    chunkHash.update(data, offset, length);
  }

  /** Checks the signature a chunk header carried, once the chunk's data has been read. */
  void verifyChunk(String signature) {
    String dataHash = HexFormat.of().formatHex(chunkHash.digest());
    chunkHash = SigV4.sha256();
    String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + context.amzDate() + "\n" + context.scope() + "\n"
        + previous + "\n" + SigV4.EMPTY_SHA256 + "\n" + dataHash;
    check(signature, stringToSign);
  }

  /** Checks {@code x-amz-trailer-signature} over the trailer lines ({@code name:value\n} each). */
  void verifyTrailer(String trailerLines, String signature) {
    String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + context.amzDate() + "\n" + context.scope() + "\n"
        + previous + "\n" + SigV4.sha256Hex(trailerLines);
    check(signature, stringToSign);
  }

  private void check(String signature, String stringToSign) {
    String expected = SigV4.sign(context.signingKey(), stringToSign);
    if (signature == null || !SigV4.equal(expected, signature)) {
      throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH, "chunk signature does not match");
    }
    previous = expected;
  }
}
