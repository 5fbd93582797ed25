package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.node.storage.ByteBufSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class AwsChunkedSourceTest {
  @Test
  void unsignedWithTrailer_yieldsThePayloadAndTheTrailers() throws Exception {
    String framed = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
    AwsChunkedSource source = new AwsChunkedSource(split(framed, 3), 11, null);
    assertThat(drain(source)).isEqualTo("hello world");
    assertThat(source.trailers()).containsEntry("x-amz-checksum-crc32", "AAAAAA==");
  }

  @Test
  void signedChunkHeaders_areParsed() throws Exception {
    String framed = "3;chunk-signature=abc\r\nabc\r\n0;chunk-signature=def\r\n\r\n";
    assertThat(drain(new AwsChunkedSource(split(framed, 7), 3, null))).isEqualTo("abc");
  }

  @Test
  void truncatedOrMalformedFraming_isIncompleteBody() {
    for (String framed : new String[] {"5\r\nhel", "zz\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n", "5\r\nhello\r\n"}) {
      assertThatThrownBy(() -> drain(new AwsChunkedSource(split(framed, 4), 5, null))).as(framed)
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INCOMPLETE_BODY));
    }
  }

  private static String drain(ByteBufSource source) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf chunk; (chunk = source.next()) != null; ) {
      byte[] bytes = new byte[chunk.readableBytes()];
      chunk.readBytes(bytes);
      chunk.release();
      out.write(bytes);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The text as a network body arriving in pieces of {@code size} bytes. */
  private static ByteBufSource split(String text, int size) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Deque<ByteBuf> pieces = new ArrayDeque<>();
    for (int i = 0; i < bytes.length; i += size) {
      pieces.add(Unpooled.wrappedBuffer(bytes, i, Math.min(size, bytes.length - i)));
    }
    return new ByteBufSource() {
      @Override
      public ByteBuf next() {
        return pieces.poll();
      }

      @Override
      public long declaredLength() {
        return bytes.length;
      }
    };
  }
}
