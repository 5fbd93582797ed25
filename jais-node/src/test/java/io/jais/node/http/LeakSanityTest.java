package io.jais.node.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * Shows {@link LeakWatch} really catches an unreleased buffer, so its silence elsewhere means
 * something.
 */
class LeakSanityTest {
  @Test
  void assertNoLeaks_unreleasedBuffer_fails() {
    LeakWatch.install();
    leakOneBuffer();

    assertThatThrownBy(LeakWatch::assertNoLeaks)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LEAK");
  }

  private static void leakOneBuffer() {
    PooledByteBufAllocator.DEFAULT.directBuffer(100).writeInt(1);
  }
}
