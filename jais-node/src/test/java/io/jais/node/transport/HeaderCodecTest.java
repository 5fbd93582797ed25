package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.error.JaisException;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Object headers to bytes and back, and what the decoder refuses. */
class HeaderCodecTest {
  private final StrictUtf8 utf8 = new StrictUtf8();

  private HeaderCodec.Decoded roundTrip(ObjectHeader header) {
    ByteBuf buf = Unpooled.buffer();
    try {
      HeaderCodec.encode(header, buf);
      return HeaderCodec.decode(buf, buf.readableBytes(), utf8);
    } finally {
      buf.release();
    }
  }

  @Test
  void everyField_survivesTheRoundTrip() {
    ObjectHeader header = new ObjectHeader("ec-put", "job-7", new Bucket("b", Provider.GCP, new Namespace("u", "n")),
        "a/b/ü/😀", 123_456_789_012L, new Checksum(ChecksumType.SHA512, "ABCDEF"), "42", -1, Long.MAX_VALUE,
        Map.of("k", "v", "", "empty key", "ключ", ""), new byte[] {0, -1, 127});

    HeaderCodec.Decoded decoded = roundTrip(header);

    assertThat(decoded.problem()).isNull();
    assertThat(decoded.header()).isEqualTo(header);
    assertThat(decoded.header().checksum().value()).isEqualTo("abcdef");
  }

  @Test
  void minimalHeader_survivesTheRoundTrip() {
    ObjectHeader header = ObjectHeader.of("t", Bucket.ais("b"), "o");

    assertThat(roundTrip(header).header()).isEqualTo(header);
  }

  @Test
  void unknownChecksumType_isAProblemOfThatObjectNotOfTheFraming() {
    ByteBuf buf = Unpooled.buffer();
    try {
      HeaderCodec.encode(ObjectHeader.of("t", Bucket.ais("b"), "o"), buf);
      // replace the empty checksum type ("none" is encoded by name) with an unknown one
      String encoded = buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
      int at = encoded.indexOf("none");
      ByteBuf changed = Unpooled.buffer();
      changed.writeBytes(buf, 0, at);
      changed.writeBytes("nope".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      changed.writeBytes(buf, at + 4, buf.readableBytes() - at - 4);

      HeaderCodec.Decoded decoded = HeaderCodec.decode(changed, changed.readableBytes(), utf8);

      assertThat(decoded.header()).isNull();
      assertThat(decoded.problem()).contains("invalid checksum type \"nope\"");
      assertThat(decoded.name()).isEqualTo("o");
      changed.release();
    } finally {
      buf.release();
    }
  }

  @Test
  void headerCutShort_isMalformed() {
    ByteBuf buf = Unpooled.buffer();
    try {
      HeaderCodec.encode(ObjectHeader.of("t", Bucket.ais("b"), "o"), buf);
      int cut = buf.readableBytes() - 3;

      assertThatThrownBy(() -> HeaderCodec.decode(buf, cut, utf8)).isInstanceOf(JaisException.class)
          .hasMessageContaining("header ends inside opaque length");
    } finally {
      buf.release();
    }
  }

  @Test
  void truncate_cutsAtCharacterBoundaries() {
    assertThat(StrictUtf8.truncate("abc", 2)).isEqualTo("ab");
    assertThat(StrictUtf8.truncate("aé", 2)).isEqualTo("a");
    assertThat(StrictUtf8.truncate("a😀b", 4)).isEqualTo("a");
    assertThat(StrictUtf8.truncate("a😀b", 5)).isEqualTo("a😀");
    assertThat(StrictUtf8.truncate("", 0)).isEmpty();
  }
}
