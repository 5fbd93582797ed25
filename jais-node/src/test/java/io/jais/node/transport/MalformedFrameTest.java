package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jais.api.bucket.Bucket;
import io.jais.node.http.Await;
import io.jais.node.http.LeakWatch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An authenticated sender that breaks the framing: the receiver closes the connection with one
 * logged reason, calls no handler, and never waits for (or allocates) what the bad lengths claim.
 * A well-formed header with values the receiver refuses only fails its object.
 */
class MalformedFrameTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final AtomicInteger handled = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private ObjectStreams receiver;

  @BeforeAll
  static void leakDetection() {
    LeakWatch.install();
  }

  @AfterAll
  static void noLeaks() {
    LeakWatch.assertNoLeaks();
  }

  @BeforeEach
  void start() throws Exception {
    logs.start();
    ((Logger) LoggerFactory.getLogger(ObjectReceiver.class)).addAppender(logs);
    receiver = ObjectStreams.start("127.0.0.1", 0, "receiver", StreamPair.SECRET, StreamOptions.DEFAULT);
    receiver.register("t", in -> {
      StreamPair.readAll(in.body());
      handled.incrementAndGet();
    });
    receiver.register("hold", in -> release.await());
  }

  @AfterEach
  void stop() {
    release.countDown();
    receiver.close();
    ((Logger) LoggerFactory.getLogger(ObjectReceiver.class)).detachAppender(logs);
  }

  private RawStreamClient client() throws IOException {
    return RawStreamClient.authenticated(receiver.port(), "sender", "receiver", StreamPair.SECRET);
  }

  /** The connection is closed, one reason is logged, no handler ran. */
  private void assertRefused(RawStreamClient raw, String reason) throws IOException {
    assertThat(raw.closedByPeer()).as("closed by the receiver").isTrue();
    Await.until("reason logged", () -> !logs.list.isEmpty());
    assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
        .contains("t[sender]", reason);
    assertThat(receiver.stats().protocolErrors()).isEqualTo(1);
    assertThat(handled).hasValue(0);
  }

  /** Header fields in wire order, each part replaceable by raw bytes. */
  private static final class RawHeader {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputStream out = new DataOutputStream(bytes);

    RawHeader string(String value) throws IOException {
      return raw(value.getBytes(StandardCharsets.UTF_8));
    }

    RawHeader raw(byte[] value) throws IOException {
      out.writeInt(value.length);
      out.write(value);
      return this;
    }

    /** trname "t", no job, bucket ais://b, then {@code name} as the object name. */
    RawHeader start(byte[] name) throws IOException {
      return string("t").string("").string("b").string("ais").string("").string("").raw(name);
    }

    /** size, checksum, version, times. */
    RawHeader middle() throws IOException {
      out.writeLong(5);
      string("").string("").string("");
      out.writeLong(0);
      out.writeLong(0);
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  private static byte[] validHeader(String trname, String name) {
    return RawStreamClient.header(ObjectHeader.of(trname, Bucket.ais("b"), name));
  }

  @Test
  void unknownFrameType() throws Exception {
    try (RawStreamClient raw = client()) {
      raw.out.write(9);
      raw.out.write(new byte[Wire.OBJECT_PREFIX_BYTES - 1]);
      raw.out.flush();
      assertRefused(raw, "unknown frame type 9");
    }
  }

  @Test
  void unknownFlags() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] header = validHeader("t", "o");
      raw.objectFrame(1, 0x10, 0, header.length, header);
      assertRefused(raw, "unknown flags");
    }
  }

  @Test
  void headerLongerThanTheLimit_refusedWithoutWaitingForIt() throws Exception {
    try (RawStreamClient raw = client()) {
      raw.objectFrame(1, 0, 0, 1 << 30, new byte[0]);
      assertRefused(raw, "header of 1073741824 bytes (at most 65536)");
    }
  }

  @Test
  void negativeBodyLength() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] header = validHeader("t", "o");
      raw.objectFrame(1, 0, -5, header.length, header);
      assertRefused(raw, "body length -5");
    }
  }

  @Test
  void objectNameNotUtf8() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] header = new RawHeader().start(new byte[] {'a', (byte) 0xC3, '(', 'b'}).middle().bytes();
      raw.objectFrame(1, 0, 0, header.length + 8, header);
      raw.out.write(new byte[8]);
      raw.out.flush();
      assertRefused(raw, "object name is not valid UTF-8");
    }
  }

  @Test
  void stringLengthRunsPastTheHeader() throws Exception {
    try (RawStreamClient raw = client()) {
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(header);
      out.writeInt(1_000_000); // trname "1 MB long" in a 12-byte header
      out.writeLong(0);
      raw.objectFrame(1, 0, 0, header.size(), header.toByteArray());
      assertRefused(raw, "trname length 1000000 runs past the header");
    }
  }

  @Test
  void customMetadataCountBeyondTheHeader() throws Exception {
    try (RawStreamClient raw = client()) {
      RawHeader header = new RawHeader().start("o".getBytes(StandardCharsets.US_ASCII)).middle();
      header.out.writeInt(Integer.MAX_VALUE);
      header.out.writeInt(0);
      byte[] bytes = header.bytes();
      raw.objectFrame(1, 0, 0, bytes.length, bytes);
      assertRefused(raw, "custom metadata count 2147483647 runs past the header");
    }
  }

  @Test
  void bytesAfterTheLastHeaderField() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] valid = validHeader("t", "o");
      byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 3);
      raw.objectFrame(1, 0, 0, longer.length, longer);
      assertRefused(raw, "3 bytes after its last field");
    }
  }

  @Test
  void chunkLargerThanAllowed() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] header = validHeader("t", "o");
      raw.objectFrame(1, Wire.FLAG_CHUNKED, -1, header.length, header);
      raw.out.writeInt(Wire.MAX_CHUNK_BYTES + 1);
      raw.out.flush();
      assertRefused(raw, "chunk of 1048577 bytes");
    }
  }

  @Test
  void sequenceOutOfOrder() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] header = validHeader("t", "o");
      raw.objectFrame(5, Wire.FLAG_HEADER_ONLY, 0, header.length, header);
      assertRefused(raw, "object 5 after object 0");
    }
  }

  @Test
  void moreObjectsInFlightThanAdvertised() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] header = validHeader("hold", "o");
      for (int seq = 1; seq <= StreamOptions.DEFAULT.maxInFlight() + 1; seq++) {
        raw.objectFrame(seq, Wire.FLAG_HEADER_ONLY, 0, header.length, header);
      }
      assertRefused(raw, "more than 4 objects in flight");
    }
  }

  @Test
  void wellFormedHeaderWithAnUnknownProvider_failsThatObjectOnly() throws Exception {
    try (RawStreamClient raw = client()) {
      byte[] bad = new RawHeader().string("t").string("").string("b").string("nosuchcloud").string("").string("")
          .string("o").middle().bytes();
      byte[] refused = java.util.Arrays.copyOf(bad, bad.length + 8); // no custom metadata, no opaque bytes
      raw.objectFrame(1, 0, 3, refused.length, refused);
      raw.out.write(new byte[] {1, 2, 3});
      byte[] good = validHeader("t", "fine");
      raw.objectFrame(2, 0, 2, good.length, good);
      raw.out.write(new byte[] {4, 5});
      raw.out.flush();

      RawStreamClient.RawAck first = raw.readAck();
      RawStreamClient.RawAck second = raw.readAck();

      assertThat(first.seq()).isEqualTo(1);
      assertThat(first.code()).isEqualTo("INVALID_ARGUMENT");
      assertThat(first.message()).contains("invalid object header", "nosuchcloud");
      assertThat(second.seq()).isEqualTo(2);
      assertThat(second.code()).isEmpty();
      assertThat(handled).hasValue(1);
      assertThat(receiver.stats().protocolErrors()).isZero();
    }
  }
}
