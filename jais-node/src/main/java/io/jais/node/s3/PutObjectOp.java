package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.PutArgs;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.util.Map;

/**
 * One S3 PutObject on the owning target: strips aws-chunked framing, computes the MD5 while the
 * body streams to disk, verifies Content-MD5, checksums and the declared length before the commit, and stores
 * the ETag with the object's other metadata in the same commit.
 */
final class PutObjectOp {
  private final ObjectService objects;
  private final Request request;
  private final Bucket bucket;
  private final String key;
  private final S3Options options;

  PutObjectOp(ObjectService objects, Request request, Bucket bucket, String key, S3Options options) {
    this.options = options;
    this.objects = objects;
    this.request = request;
    this.bucket = bucket;
    this.key = key;
  }

  Response run() throws IOException {
    Md5Source body = verifiedBody(request, new SigV4Verifier(options.keys()), options.authRequired());
    Map<String, String> custom = S3Metadata.fromRequest(request);
    ObjectMeta meta = objects.put(bucket, key, body,
        PutArgs.customAfterBody(() -> S3Metadata.committed(custom, body.hex())), Caller.USER);
    return Response.builder(200)
        .header("ETag", S3Metadata.etag(meta))
        .header("Last-Modified", S3Params.httpDate(S3Metadata.mtimeNanos(meta)))
        .header("Content-Length", "0")
        .build();
  }

  /**
   * The request's payload, unframed when aws-chunked (its chunk signatures verified when keys are
   * configured), checked against Content-MD5, a declared SHA-256, the declared additional checksum
   * (CRC32, CRC32C, CRC64NVME, SHA-1, SHA-256; header or trailer) and its declared length.
   */
  static Md5Source verifiedBody(Request request, SigV4Verifier verifier, boolean authRequired) {
    byte[] expectedMd5 = Md5Source.contentMd5(request.header("Content-MD5"));
    String contentSha256 = request.header("x-amz-content-sha256");
    ByteBufSource payload = request.body();
    long length = payload.declaredLength();
    String expectedSha256 = null;
    AwsChunkedSource chunked = null;
    if (AwsChunkedSource.isAwsChunked(request.header("Content-Encoding"), contentSha256)) {
      String decoded = request.header("x-amz-decoded-content-length");
      length = decoded == null ? -1 : parseLength(decoded);
      boolean signed = contentSha256 != null && contentSha256.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
      ChunkSignatures signatures = signed && authRequired ? new ChunkSignatures(verifier.context(request)) : null;
      chunked = new AwsChunkedSource(payload, length, signatures);
      payload = chunked;
    } else if (authRequired && contentSha256 != null && contentSha256.matches("[0-9a-fA-F]{64}")) {
      expectedSha256 = contentSha256.toLowerCase(java.util.Locale.ROOT);
    }
    return new Md5Source(payload, expectedMd5, length, expectedSha256, DeclaredChecksum.of(request, chunked));
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "invalid x-amz-decoded-content-length \"" + value + "\"");
    }
  }
}
