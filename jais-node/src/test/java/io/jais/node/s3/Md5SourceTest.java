package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The S3 ETag, payload hash and additional checksum over a body that arrives as composite batches of socket reads. */
class Md5SourceTest {
  @Test
  void next_compositeChunks_digestsEveryComponentOnceAndPassesThemThrough() throws Exception {
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    CompositeByteBuf batch = Unpooled.compositeBuffer();
    batch.addComponent(true, Unpooled.directBuffer().writeBytes(data, 0, 3_000));
    batch.addComponent(true, Unpooled.wrappedBuffer(data, 3_000, 5_000));
    ByteBuf tail = Unpooled.directBuffer().writeBytes(data, 8_000, 2_000);
    ByteBufSource body = new ByteBufSource() {
      private int handedOut;

      @Override
      public ByteBuf next() {
        return switch (handedOut++) {
          case 0 -> batch;
          case 1 -> tail;
          default -> null;
        };
      }

      @Override
      public long declaredLength() {
        return data.length;
      }
    };
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    byte[] md5 = MessageDigest.getInstance("MD5").digest(data);
    CRC32C crc = new CRC32C();
    crc.update(data);
    String crc32c = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    Md5Source source = new Md5Source(body, md5, data.length, sha256,
        new DeclaredChecksum(ChecksumAlgorithm.CRC32C, () -> crc32c));

    byte[] passed = new byte[data.length];
    int at = 0;
    for (ByteBuf chunk; (chunk = source.next()) != null; chunk.release()) {
      int n = chunk.readableBytes();
      chunk.getBytes(chunk.readerIndex(), passed, at, n);
      at += n;
    }

    assertThat(passed).isEqualTo(data); // positions untouched by the digests
    assertThat(source.digest()).isEqualTo(md5); // and the Content-MD5, sha256 and CRC32C checks passed
    assertThat(batch.refCnt()).isZero();
  }
}
