package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A body queue and its connection's budget alone, on an embedded event loop: water marks over
 * several bodies, hand-off, truncation, discard.
 */
class IncomingBodyTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger pressureChanges = new AtomicInteger();
  private final StreamCounters counters = new StreamCounters();
  private final InboundBudget budget =
      new InboundBudget(channel.eventLoop(), 100, 40, pressureChanges::incrementAndGet, counters);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private static ByteBuf bytes(int n) {
    return Unpooled.buffer(n).writeZero(n);
  }

  @Test
  void budget_countsEveryBodyOfTheConnection() throws IOException {
    IncomingBody first = new IncomingBody(budget, 60, "a");
    IncomingBody second = new IncomingBody(budget, 60, "b");
    first.offer(bytes(60));
    first.complete();
    assertThat(budget.isPaused()).isFalse();

    second.offer(bytes(50)); // 110 queued over two bodies

    assertThat(budget.isPaused()).isTrue();
    assertThat(pressureChanges).hasValue(1);
    ByteBuf taken = first.next();
    assertThat(taken.readableBytes()).isEqualTo(60);
    taken.release();
    channel.runPendingTasks();
    assertThat(budget.isPaused()).as("50 queued is above the low-water mark").isTrue();
    second.next().release();
    channel.runPendingTasks();
    assertThat(budget.isPaused()).isFalse();
    assertThat(pressureChanges).hasValue(2);
    assertThat(counters.peakQueuedBytes.get()).isEqualTo(110);
    assertThat(counters.receivePauses.sum()).isEqualTo(1);
  }

  @Test
  void next_afterTheLastByte_returnsTheRestThenNull() throws IOException {
    IncomingBody body = new IncomingBody(budget, 5, "a");
    body.offer(Unpooled.wrappedBuffer(new byte[] {1, 2}));
    body.offer(Unpooled.wrappedBuffer(new byte[] {3, 4, 5}));
    body.complete();

    ByteBuf all = body.next();
    byte[] read = new byte[all.readableBytes()];
    all.readBytes(read);
    all.release();

    assertThat(read).containsExactly(1, 2, 3, 4, 5);
    assertThat(body.next()).isNull();
    assertThat(budget.queued()).isZero();
  }

  @Test
  void fail_afterSomeBytes_deliversThemThenTheFailure() throws IOException {
    IncomingBody body = new IncomingBody(budget, 10, "ais://b/o from t[x]");
    body.offer(bytes(4));

    body.fail("connection closed");

    body.next().release();
    assertThatThrownBy(body::next).isInstanceOf(IOException.class)
        .hasMessage("ais://b/o from t[x]: truncated body: received 4 of 10 bytes (connection closed)");
  }

  @Test
  void complete_withFewerBytesThanDeclared_failsTheBody() {
    IncomingBody body = new IncomingBody(budget, 10, "a");
    body.offer(bytes(3));

    body.complete();

    assertThat(body.isComplete()).isFalse();
    assertThatThrownBy(() -> {
      body.next().release();
      body.next();
    }).hasMessageContaining("received 3 of 10 bytes");
  }

  @Test
  void discard_releasesWhatIsQueuedAndWhatStillArrives() {
    IncomingBody body = new IncomingBody(budget, 300, "a");
    ByteBuf queued = bytes(150);
    body.offer(queued);
    assertThat(budget.isPaused()).isTrue();

    body.discard();
    ByteBuf late = bytes(150);
    body.offer(late);
    channel.runPendingTasks();

    assertThat(queued.refCnt()).isZero();
    assertThat(late.refCnt()).isZero();
    assertThat(budget.queued()).isZero();
    assertThat(budget.isPaused()).isFalse();
    assertThatThrownBy(body::next).hasMessageContaining("discarded");
  }
}
