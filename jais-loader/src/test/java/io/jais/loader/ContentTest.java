package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ContentTest {
  @Test
  void contentIsDeterministicAndDependsOnTheName() {
    assertThat(Content.bytes("a/b", 1000)).isEqualTo(Content.bytes("a/b", 1000));
    assertThat(Content.bytes("a/b", 1000)).isNotEqualTo(Content.bytes("a/c", 1000));
  }

  @Test
  void verifierAcceptsTheRightBytesInAnyChunkingAndFindsTheFirstWrongOne() {
    int size = Content.PERIOD + 12345; // wraps around the pattern
    byte[] data = Content.bytes("obj", size);
    Content.Verifier ok = new Content.Verifier("obj");
    for (int at = 0; at < size; at += 7777) {
      ok.update(ByteBuffer.wrap(data, at, Math.min(7777, size - at)));
    }
    assertThat(ok.length()).isEqualTo(size);
    assertThat(ok.firstMismatch()).isEqualTo(-1);

    data[Content.PERIOD + 5] ^= 1;
    Content.Verifier bad = new Content.Verifier("obj");
    bad.update(ByteBuffer.allocateDirect(size).put(data).flip());
    assertThat(bad.firstMismatch()).isEqualTo(Content.PERIOD + 5);

    Content.Verifier other = new Content.Verifier("other");
    other.update(Content.bytes("obj", 100), 0, 100);
    assertThat(other.firstMismatch()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void slicesAndStreamProduceTheContent() throws IOException {
    int size = 3 * Content.PERIOD / 2 + 1;
    int start = Content.start("p");
    ByteArrayOutputStream sliced = new ByteArrayOutputStream();
    for (long offset = 0; offset < size; offset += Content.PERIOD) { // slices that wrap around the pattern
      ByteBuffer slice = Content.slice(start, offset, (int) Math.min(Content.PERIOD, size - offset));
      assertThat(slice.isDirect()).isTrue();
      assertThat(slice.isReadOnly()).isTrue();
      byte[] piece = new byte[slice.remaining()];
      slice.get(piece);
      sliced.write(piece);
    }
    assertThat(sliced.toByteArray()).isEqualTo(Content.bytes("p", size));
    assertThat(Content.slice(start, 5, 0).remaining()).isZero();
    assertThatThrownBy(() -> Content.slice(start, 0, Content.PERIOD + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new S3Backend.ContentStream(start, size).readAllBytes()).isEqualTo(Content.bytes("p", size));
  }
}
