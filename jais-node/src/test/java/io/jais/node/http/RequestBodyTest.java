package io.jais.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The body queue alone, on an embedded event loop: water marks, hand-off, release, truncation. */
class RequestBodyTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger pressureChanges = new AtomicInteger();
  private final AtomicInteger continues = new AtomicInteger();
  private final RequestBody.Pressure pressure =
      new RequestBody.Pressure() {
        @Override
        public void pressureChanged() {
          pressureChanges.incrementAndGet();
        }

        @Override
        public void sendContinue() {
          continues.incrementAndGet();
        }
      };
  private final List<ByteBuf> offered = new ArrayList<>();

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private RequestBody body(long declared, boolean expectContinue) {
    return new RequestBody(channel.eventLoop(), pressure, declared, expectContinue, 100, 40);
  }

  private HttpContent chunk(int size) {
    ByteBuf buf = Unpooled.buffer(size).writeZero(size);
    offered.add(buf);
    return new DefaultHttpContent(buf);
  }

  @Test
  void offer_reachesHighWater_pausesUntilDrained() throws IOException {
    RequestBody body = body(-1, false);
    body.offer(chunk(60));
    assertThat(body.isPaused()).isFalse();

    body.offer(chunk(60));
    assertThat(body.isPaused()).isTrue();
    assertThat(pressureChanges).hasValue(1);

    ByteBuf all = body.next(); // everything queued, in one go
    assertThat(all.readableBytes()).isEqualTo(120);
    all.release();
    channel.runPendingTasks(); // the resume runs on the event loop
    assertThat(body.isPaused()).isFalse();
    assertThat(pressureChanges).hasValue(2);
    assertThat(body.pauses()).isEqualTo(1);
    assertThat(body.peakQueuedBytes()).isEqualTo(120);
  }

  @Test
  void next_withSeveralChunksQueued_returnsThemAsOneBufferThatOwnsThem() throws IOException {
    RequestBody body = body(-1, false);
    List<byte[]> parts = List.of("abc".getBytes(), "defg".getBytes(), "h".getBytes());
    for (byte[] part : parts) {
      ByteBuf buf = Unpooled.directBuffer(part.length).writeBytes(part);
      offered.add(buf);
      body.offer(new DefaultHttpContent(buf));
    }

    ByteBuf all = body.next();
    assertThat(all.nioBufferCount()).isEqualTo(3); // not copied: the chunks themselves
    assertThat(all.toString(StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
    all.release();
    assertThat(offered).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void waitingConsumer_isWokenOnlyAboveLowWaterOrAtTheEnd() throws Exception {
    RequestBody body = body(-1, false);
    BlockingQueue<Integer> taken = new LinkedBlockingQueue<>();
    Thread consumer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (ByteBuf buf; (buf = body.next()) != null; buf.release()) {
                      taken.add(buf.readableBytes());
                    }
                    taken.add(-1);
                  } catch (IOException e) {
                    taken.add(-2);
                  }
                });
    Await.until("the consumer waits", body::hasWaitingConsumer);

    body.offer(chunk(10));
    body.offer(chunk(30)); // 40: not above the low-water mark (40), no hand-off yet
    assertThat(body.wakeUps()).isZero();
    body.offer(chunk(1));
    assertThat(taken.take()).isEqualTo(41);
    assertThat(body.wakeUps()).isEqualTo(1);

    Await.until("the consumer waits", body::hasWaitingConsumer);
    body.offer(chunk(5));
    assertThat(body.wakeUps()).isEqualTo(1);
    body.offer(new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER)); // the end wakes it whatever is queued
    assertThat(taken.take()).isEqualTo(5);
    assertThat(taken.take()).isEqualTo(-1);
    consumer.join();
  }

  @Test
  void next_afterLastContent_returnsDataThenNull() throws IOException {
    RequestBody body = body(5, false);
    body.offer(new DefaultLastHttpContent(Unpooled.wrappedBuffer("hello".getBytes())));

    ByteBuf first = body.next();
    assertThat(first.readableBytes()).isEqualTo(5);
    first.release();
    assertThat(body.next()).isNull();
    assertThat(body.isComplete()).isTrue();
  }

  @Test
  void discard_releasesQueuedAndLaterChunks() {
    RequestBody body = body(-1, false);
    body.offer(chunk(10));
    body.offer(chunk(10));

    body.discard();
    body.offer(chunk(10));
    body.offer(new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER));

    assertThat(offered).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    assertThat(body.discardedBytes()).isEqualTo(30);
    assertThat(body.isComplete()).isTrue();
    assertThatThrownBy(body::next).isInstanceOf(IOException.class);
  }

  @Test
  void fail_afterSomeData_handsOutDataThenTruncationError() throws IOException {
    RequestBody body = body(1000, false);
    body.offer(chunk(10));

    body.fail("connection closed");

    body.next().release();
    assertThatThrownBy(body::next)
        .isInstanceOf(IOException.class)
        .hasMessage("truncated body: received 10 of 1000 bytes (connection closed)");
  }

  @Test
  void next_withExpectContinue_sendsContinueOnceOnFirstPull() throws IOException {
    RequestBody body = body(3, true);
    assertThat(body.isContinuePending()).isTrue();
    body.offer(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[3])));

    body.next().release();
    body.next();

    assertThat(continues).hasValue(0); // the body was already complete: nothing owed
    RequestBody waiting = body(3, true);
    waiting.offer(chunk(1));
    waiting.next().release();
    assertThat(continues).hasValue(1);
  }
}
