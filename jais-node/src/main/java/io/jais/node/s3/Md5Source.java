package io.jais.node.s3;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes a client's body through while computing its MD5 (the S3 ETag), and at the end checks the
 * {@code Content-MD5}, the additional checksum ({@code x-amz-checksum-*}, header or trailer) and the
 * decoded length the client declared. The checks fail from {@link #next},
 * before the store commits, so a body that does not verify changes nothing. A body the client cut
 * short is IncompleteBody, a client error, not a server failure.
 */
final class Md5Source implements ByteBufSource {
  private final ByteBufSource source;
  private final MessageDigest md5;
  private final byte[] expectedMd5;
  private final long expectedLength;
  private final String expectedSha256;
  private final MessageDigest sha256;
  private final DeclaredChecksum checksum;
  private final ChecksumAlgorithm.Digest checksumDigest;
  private long received;
  private byte[] digest;

  /**
   * @param expectedMd5 the decoded {@code Content-MD5}, or null
   * @param expectedLength the payload length the client declared, or -1
   * @param expectedSha256 the signed {@code x-amz-content-sha256} (lower-case hex) to check, or null
   * @param checksum the additional checksum ({@code x-amz-checksum-*}) the client declared, or null
   */
  Md5Source(ByteBufSource source, byte[] expectedMd5, long expectedLength, String expectedSha256,
      DeclaredChecksum checksum) {
    this.source = source;
    this.checksum = checksum;
    this.checksumDigest = checksum == null ? null : checksum.algorithm().newDigest();
    this.expectedMd5 = expectedMd5;
    this.expectedLength = expectedLength;
    this.expectedSha256 = expectedSha256;
    this.sha256 = expectedSha256 == null ? null : SigV4.sha256();
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  @Override
  public ByteBuf next() throws IOException {
    ByteBuf chunk;
    try {
      chunk = source.next();
    } catch (IOException e) {
      throw new S3Exception(S3Error.INCOMPLETE_BODY, "request body ended early: " + e.getMessage());
    }
    if (chunk == null) {
      finish();
      return null;
    }
    received += chunk.readableBytes();
    // per component: nioBuffer() of a composite (a batch of socket reads) would copy it
    for (ByteBuffer part : chunk.nioBuffers()) {
      md5.update(part.duplicate());
      if (sha256 != null) {
        sha256.update(part.duplicate());
      }
      if (checksumDigest != null) {
        checksumDigest.update(part);
      }
    }
    return chunk;
  }

  private void finish() {
    digest = md5.digest();
    if (expectedLength >= 0 && received != expectedLength) {
      throw new S3Exception(S3Error.INCOMPLETE_BODY, "received " + received + " bytes, the request declared "
          + expectedLength);
    }
    if (sha256 != null && !HexFormat.of().formatHex(sha256.digest()).equals(expectedSha256)) {
      throw new S3Exception(S3Error.CONTENT_SHA256_MISMATCH, null);
    }
    if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digest)) {
      throw new S3Exception(S3Error.BAD_DIGEST, "Content-MD5 " + HexFormat.of().formatHex(expectedMd5)
          + " does not match the body's MD5 " + HexFormat.of().formatHex(digest));
    }
    if (checksum != null) {
      checksum.check(checksumDigest.finish());
    }
  }

  @Override
  public long declaredLength() {
    return expectedLength >= 0 ? expectedLength : source.declaredLength();
  }

  /** The body's MD5; valid once the body has been read to its end. */
  byte[] digest() {
    if (digest == null) {
      throw new IllegalStateException("the body has not been read to its end");
    }
    return digest;
  }

  String hex() {
    return HexFormat.of().formatHex(digest());
  }

  /** Decodes a {@code Content-MD5} header; InvalidDigest when it is not base64 of 16 bytes. */
  static byte[] contentMd5(String header) {
    if (header == null) {
      return null;
    }
    try {
      byte[] md5 = java.util.Base64.getDecoder().decode(header.strip());
      if (md5.length == 16) {
        return md5;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new S3Exception(S3Error.INVALID_DIGEST, "Content-MD5 \"" + header + "\" is not the base64 of 16 bytes");
  }
}
