package io.jais.node.s3;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body ({@code Content-Encoding: aws-chunked}, payload hash
 * {@code STREAMING-*}): {@code <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n} repeated, a zero
 * chunk, then optional trailers ({@code x-amz-checksum-crc32:...}) and a blank line. Newer SDKs send
 * it on every PUT, with or without signatures, so the framing must come off before the bytes are
 * stored. With {@link ChunkSignatures} every chunk's signature (and the trailer's) is checked as the
 * chunk ends; a failure surfaces from {@link #next}, before the store commits. Data is handed on in
 * slices of at most {@value #SLICE} bytes, so a large chunk is never held whole.
 */
final class AwsChunkedSource implements ByteBufSource {
  private static final int SLICE = 64 << 10;
  private static final int MAX_LINE = 4096;

  private final InputStream in;
  private final long decodedLength;
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private final ChunkSignatures signatures;
  private long remainingInChunk;
  private String chunkSignature;
  private boolean done;

  /** @param signatures the chain to verify, or null for unsigned chunks */
  AwsChunkedSource(ByteBufSource source, long decodedLength, ChunkSignatures signatures) {
    this.in = new BufferedInputStream(new BodyInputStream(source), SLICE);
    this.decodedLength = decodedLength;
    this.signatures = signatures;
  }

  /** True when the request's payload is aws-chunked. */
  static boolean isAwsChunked(String contentEncoding, String contentSha256) {
    return (contentEncoding != null && contentEncoding.contains("aws-chunked"))
        || (contentSha256 != null && contentSha256.startsWith("STREAMING-"));
  }

  @Override
  public ByteBuf next() throws IOException {
    if (done) {
      return null;
    }
    if (remainingInChunk == 0) {
      long size = chunkHeader();
      if (size == 0) {
        if (signatures != null) {
          signatures.verifyChunk(chunkSignature);
        }
        readTrailers();
        done = true;
        return null;
      }
      remainingInChunk = size;
    }
    byte[] data = new byte[(int) Math.min(SLICE, remainingInChunk)];
    int read = in.readNBytes(data, 0, data.length);
    if (read < data.length) {
      throw malformed("aws-chunked body ended inside a chunk");
    }
    remainingInChunk -= read;
    if (signatures != null) {
      signatures.update(data, 0, read);
    }
    if (remainingInChunk == 0) {
      expectCrLf();
      if (signatures != null) {
        signatures.verifyChunk(chunkSignature);
      }
    }
    return Unpooled.wrappedBuffer(data);
  }

  private long chunkHeader() throws IOException {
    String line = line();
    if (line == null) {
      throw malformed("aws-chunked body ended before its final chunk");
    }
    int semicolon = line.indexOf(';');
    int signature = line.indexOf("chunk-signature=");
    chunkSignature = signature < 0 ? null : line.substring(signature + 16).strip();
    String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw malformed("negative chunk size");
      }
      return size;
    } catch (NumberFormatException e) {
      throw malformed("invalid chunk size \"" + hex + "\"");
    }
  }

  private void readTrailers() throws IOException {
    StringBuilder signed = new StringBuilder();
    String trailerSignature = null;
    for (String line; (line = line()) != null && !line.isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (name.equals("x-amz-trailer-signature")) {
          trailerSignature = value;
        } else {
          trailers.put(name, value);
          signed.append(name).append(':').append(value).append('\n');
        }
      }
    }
    if (signatures != null && !trailers.isEmpty()) {
      signatures.verifyTrailer(signed.toString(), trailerSignature);
    }
  }

  private void expectCrLf() throws IOException {
    if (in.read() != '\r' || in.read() != '\n') {
      throw malformed("chunk data not followed by CRLF");
    }
  }

  /** One CRLF-terminated line without its terminator; null at the end of the stream. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(96);
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
      }
      if (line.size() >= MAX_LINE) {
        throw malformed("aws-chunked header line longer than " + MAX_LINE + " bytes");
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  /** Trailers sent after the last chunk (lower-case names), e.g. {@code x-amz-checksum-crc32}. */
  Map<String, String> trailers() {
    return trailers;
  }

  @Override
  public long declaredLength() {
    return decodedLength;
  }

  private static S3Exception malformed(String why) {
    return new S3Exception(S3Error.INCOMPLETE_BODY, why);
  }
}
