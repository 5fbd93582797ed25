package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void crc64Nvme_matchesTheCatalogueCheckValue() {
    Crc64Nvme crc = new Crc64Nvme();
    crc.update(CHECK, 0, CHECK.length);
    assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L); // CRC-64/NVME "check" in the CRC catalogue
    assertThat(hex(ChecksumAlgorithm.CRC64NVME, CHECK)).isEqualTo("ae8b14860a799888");
  }

  @Test
  void crc64Nvme_matchesABitwiseReference_onRandomData() {
    byte[] data = new byte[10_007];
    new Random(7).nextBytes(data);
    Crc64Nvme crc = new Crc64Nvme();
    crc.update(data, 0, 5000);
    crc.update(ByteBuffer.wrap(data, 5000, data.length - 5000)); // the direct/heap paths of Checksum
    assertThat(crc.getValue()).isEqualTo(bitwise(data));
  }

  @Test
  void everyAlgorithm_givesTheBigEndianValueS3Expects() {
    assertThat(hex(ChecksumAlgorithm.CRC32, CHECK)).isEqualTo("cbf43926");
    assertThat(hex(ChecksumAlgorithm.CRC32C, CHECK)).isEqualTo("e3069283");
    assertThat(hex(ChecksumAlgorithm.SHA1, CHECK)).isEqualTo("f7c3bc1d808e04732adf679965ccc34ca7ae3441");
    assertThat(hex(ChecksumAlgorithm.SHA256, CHECK))
        .isEqualTo("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
    assertThat(ChecksumAlgorithm.ofHeader("X-Amz-Checksum-CRC32C")).isEqualTo(ChecksumAlgorithm.CRC32C);
    assertThat(ChecksumAlgorithm.ofHeader("x-amz-checksum-type")).isNull();
  }

  @Test
  void trailerChecksum_isVerifiedAtTheEndOfTheBody() throws Exception {
    String good = base64(ChecksumAlgorithm.CRC32, "hello world".getBytes(StandardCharsets.US_ASCII));
    assertThat(drain(chunkedWithTrailer("x-amz-checksum-crc32", good))).isEqualTo(11);

    assertThatThrownBy(() -> drain(chunkedWithTrailer("x-amz-checksum-crc32", "AAAAAA==")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST));
    assertThatThrownBy(() -> drain(chunkedWithTrailer("x-amz-checksum-other", good)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
  }

  @Test
  void headerChecksum_mismatch_isBadDigest() {
    byte[] data = "payload".getBytes(StandardCharsets.US_ASCII);
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      new DeclaredChecksum(algorithm, () -> base64(algorithm, data)).check(digest(algorithm, data));
      assertThatThrownBy(() -> new DeclaredChecksum(algorithm, () -> base64(algorithm, new byte[1]))
          .check(digest(algorithm, data))).as(algorithm.name())
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST));
    }
  }

  /** An aws-chunked "hello world" whose trailer carries {@code name: value}, checked as a CRC32. */
  private static Md5Source chunkedWithTrailer(String name, String value) {
    String framed = "5\r\nhello\r\n6\r\n world\r\n0\r\n" + name + ":" + value + "\r\n\r\n";
    AwsChunkedSource chunked = new AwsChunkedSource(bytes(framed), 11, null);
    DeclaredChecksum declared = new DeclaredChecksum(ChecksumAlgorithm.CRC32,
        () -> chunked.trailers().get(ChecksumAlgorithm.CRC32.header()));
    return new Md5Source(chunked, null, 11, null, declared);
  }

  private static long drain(ByteBufSource source) throws Exception {
    long total = 0;
    for (ByteBuf chunk; (chunk = source.next()) != null; ) {
      total += chunk.readableBytes();
      chunk.release();
    }
    return total;
  }

  private static ByteBufSource bytes(String text) {
    return new ByteBufSource() {
      private boolean sent;

      @Override
      public ByteBuf next() {
        if (sent) {
          return null;
        }
        sent = true;
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
      }

      @Override
      public long declaredLength() {
        return text.length();
      }
    };
  }

  private static byte[] digest(ChecksumAlgorithm algorithm, byte[] data) {
    ChecksumAlgorithm.Digest digest = algorithm.newDigest();
    digest.update(ByteBuffer.wrap(data));
    return digest.finish();
  }

  private static String hex(ChecksumAlgorithm algorithm, byte[] data) {
    return HexFormat.of().formatHex(digest(algorithm, data));
  }

  private static String base64(ChecksumAlgorithm algorithm, byte[] data) {
    return Base64.getEncoder().encodeToString(digest(algorithm, data));
  }

  /** CRC-64/NVME bit by bit from its definition: reflected in and out, init and xorout all ones. */
  private static long bitwise(byte[] data) {
    long crc = -1L;
    for (byte b : data) {
      crc ^= b & 0xff;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ Long.reverse(0xAD93D23594C93659L) : crc >>> 1;
      }
    }
    return ~crc;
  }
}
