package io.jais.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.LeakWatch;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.Checksummer;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;
import io.jais.node.storage.PutOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects between two nodes' streams on loopback: what arrives, how it is acknowledged. */
class ObjectStreamsTest {
  private static final Bucket BUCKET = new Bucket("dst", Provider.AIS, Namespace.GLOBAL);

  /** What a handler saw of one object. */
  record Received(String sender, ObjectHeader header, boolean headerOnly, long declaredLength, byte[] body) {}

  @TempDir Path dir;
  private StreamPair pair;
  private final Map<String, Received> received = new ConcurrentHashMap<>();

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
    pair = StreamPair.start(StreamOptions.DEFAULT);
    pair.receiver.register("collect", in -> received.put(in.header().objectName(), new Received(in.senderId(),
        in.header(), in.headerOnly(), in.body().declaredLength(), StreamPair.readAll(in.body()))));
  }

  @AfterEach
  void stop() {
    pair.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  private static ObjectHeader header(String name) {
    return ObjectHeader.of("collect", BUCKET, name);
  }

  private Ack send(ObjectHeader header, Body body) throws Exception {
    return pair.sender.send(pair.peer, header, body).get(60, TimeUnit.SECONDS);
  }

  @Test
  void send_objectsOfManySizesAndEveryBodyKind_arriveByteExactWithTheirHeaders() throws Exception {
    int[] sizes = {0, 1, 100, 4095, 64 * 1024, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17};
    Bucket remote = new Bucket("src", Provider.AWS, new Namespace("uuid-1", "ns-1"));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      byte[] data = random(sizes[i], i);
      for (String kind : List.of("buffer", "file", "stream", "stream-unknown")) {
        String name = "dir/é-" + kind + "-" + sizes[i];
        ObjectHeader header = new ObjectHeader("collect", "job-" + i, remote, name, sizes[i],
            Checksummer.compute(ChecksumType.XXHASH2, data), "v" + i, 1_000_000_007L * i, 2_000_000_011L * i,
            Map.of("origin", "sender", "ключ", "значение-" + i), new byte[] {1, 2, 3, (byte) i});
        Body body = switch (kind) {
          case "buffer" -> Body.of(data);
          case "file" -> Body.ofFile(Files.write(dir.resolve("f" + i), data));
          case "stream" -> Body.of(new ChunkedSource(data, 70_000, data.length));
          default -> Body.of(new ChunkedSource(data, 1 << 20, -1));
        };
        assertThat(send(header, body).isOk()).as(name).isTrue();
        names.add(name);
        Received got = received.get(name);
        assertThat(got.header()).as(name).isEqualTo(header);
        assertThat(got.header().opaque()).containsExactly(1, 2, 3, (byte) i);
        assertThat(got.body()).as(name).isEqualTo(data);
        assertThat(got.sender()).isEqualTo("sender");
        assertThat(got.headerOnly()).isFalse();
        assertThat(got.declaredLength()).as(name).isEqualTo(kind.equals("stream-unknown") ? -1 : sizes[i]);
      }
    }
    assertThat(received).hasSize(names.size());
    StreamStats sent = pair.sender.stats();
    assertThat(sent.acksOk()).isEqualTo(names.size());
    assertThat(sent.objectsSent()).isEqualTo(names.size());
    assertThat(sent.connects()).as("objects sent one by one take the peer's connections in turns")
        .isEqualTo(StreamOptions.DEFAULT.connectionsPerPeer());
    assertThat(pair.receiver.stats().bytesReceived()).isGreaterThanOrEqualTo(sent.bytesSent());
  }

  @Test
  void send_fileOver100MiB_goesZeroCopyIntoARealStoreByteExact() throws Exception {
    Path source = dir.resolve("big");
    long size = (150L << 20) + 12_345;
    try (FileChannel out = FileChannel.open(source, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      SplittableRandom random = new SplittableRandom(42);
      ByteBuffer block = ByteBuffer.allocate(1 << 20);
      for (long written = 0; written < size; ) {
        block.clear();
        while (block.hasRemaining()) {
          block.put((byte) random.nextInt());
        }
        block.flip().limit((int) Math.min(block.capacity(), size - written));
        written += out.write(block);
      }
    }
    Checksum checksum;
    try (FileChannel in = FileChannel.open(source)) {
      checksum = Checksummer.compute(ChecksumType.XXHASH2, in);
    }
    try (ObjectStore store = ObjectStore.open(List.of(dir.resolve("mp1"), dir.resolve("mp2")))) {
      AtomicReference<ObjectMeta> stored = new AtomicReference<>();
      pair.receiver.register("store", in -> stored.set(store.put(in.header().bucket(), in.header().objectName(),
          in.body(), PutOptions.DEFAULT.withExpected(in.header().checksum()))));
      FileChannel channel = FileChannel.open(source);
      ObjectHeader header = ObjectHeader.of("store", BUCKET, "big/object").withChecksum(checksum);

      Ack ack = send(header, Body.ofFile(channel, 0, size, () -> close(channel)));

      assertThat(ack).isEqualTo(Ack.OK);
      assertThat(channel.isOpen()).as("the release ran once the file was sent").isFalse();
      assertThat(stored.get().size()).isEqualTo(size);
      assertThat(stored.get().checksum()).isEqualTo(checksum);
      try (OpenedObject copy = store.open(BUCKET, "big/object", false); FileChannel original = FileChannel.open(source)) {
        assertThat(sameBytes(original, copy.channel())).isTrue();
      }
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean sameBytes(FileChannel a, FileChannel b) throws IOException {
    if (a.size() != b.size()) {
      return false;
    }
    ByteBuffer x = ByteBuffer.allocate(1 << 20);
    ByteBuffer y = ByteBuffer.allocate(1 << 20);
    for (long at = 0; at < a.size(); at += x.capacity()) {
      x.clear();
      y.clear();
      while (x.hasRemaining() && a.read(x, at + x.position()) > 0) {
        // fill
      }
      while (y.hasRemaining() && b.read(y, at + y.position()) > 0) {
        // fill
      }
      if (!x.flip().equals(y.flip())) {
        return false;
      }
    }
    return true;
  }

  @Test
  void headerOnly_reachesTheHandlerWithAnEmptyBody() throws Exception {
    ObjectHeader notice = ObjectHeader.of("collect", BUCKET, "deleted").withOpaque(new byte[] {'d'});

    assertThat(send(notice, Body.none())).isEqualTo(Ack.OK);

    Received got = received.get("deleted");
    assertThat(got.headerOnly()).isTrue();
    assertThat(got.body()).isEmpty();
    assertThat(got.header()).isEqualTo(notice);
  }

  @Test
  void concurrentSenders_shareTheConnectionsAndEveryObjectArrives() throws Exception {
    int threads = 16;
    int perThread = 40;
    Map<String, byte[]> sent = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<CompletableFuture<Ack>>>> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        senders.add(pool.submit(() -> {
          List<CompletableFuture<Ack>> acks = new ArrayList<>();
          SplittableRandom random = new SplittableRandom(thread);
          for (int i = 0; i < perThread; i++) {
            byte[] data = random(random.nextInt(0, 256 * 1024), thread * 1000L + i);
            String name = "t" + thread + "/o" + i;
            sent.put(name, data);
            acks.add(pair.sender.send(pair.peer, header(name), Body.of(data)));
          }
          return acks;
        }));
      }
      for (Future<List<CompletableFuture<Ack>>> sender : senders) {
        for (CompletableFuture<Ack> ack : sender.get(60, TimeUnit.SECONDS)) {
          assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
        }
      }
    }
    assertThat(received).hasSize(threads * perThread);
    sent.forEach((name, data) -> assertThat(received.get(name).body()).as(name).isEqualTo(data));
    assertThat(pair.sender.stats().connects()).as("every sender shares the peer's connections")
        .isEqualTo(StreamOptions.DEFAULT.connectionsPerPeer());
    assertThat(pair.receiver.stats().connectionsAccepted()).isEqualTo(StreamOptions.DEFAULT.connectionsPerPeer());
  }

  @Test
  void unknownTrname_errorAckAndTheConnectionStaysUsable() throws Exception {
    Ack ack = send(ObjectHeader.of("nobody", BUCKET, "lost"), Body.of(random(3 << 20, 1)));

    assertThat(ack.isOk()).isFalse();
    assertThat(ack.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(ack.message()).contains("\"nobody\"", "t[receiver]", "lost");
    assertThatThrownBy(ack::orThrow).isInstanceOf(JaisException.class).hasMessageContaining("nobody");

    assertStillUsable();
    assertThat(pair.receiver.stats().errorAcksSent()).isEqualTo(1);
  }

  @Test
  void handlerErrors_areAcknowledgedWithTheirCodeAndTheBodyIsDrained() throws Exception {
    pair.receiver.register("missing-bucket", in -> {
      throw JaisException.noSuchBucket(in.header().bucket());
    });
    pair.receiver.register("broken", in -> {
      throw new IllegalStateException("handler bug");
    });

    Ack noBucket = send(ObjectHeader.of("missing-bucket", BUCKET, "x"), Body.of(random(5 << 20, 3)));
    Ack bug = send(ObjectHeader.of("broken", BUCKET, "y"), Body.of(random(100, 4)));

    assertThat(noBucket.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(noBucket.message()).isEqualTo("bucket \"ais://dst\" does not exist");
    assertThat(bug.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(bug.message()).contains("handler bug");
    assertStillUsable();
    assertThat(pair.sender.stats().acksError()).isEqualTo(2);
  }

  @Test
  void streamedSourceFails_handlerSeesAFailingBodyAndTheConnectionStaysUsable() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    pair.receiver.register("watch", in -> {
      try {
        StreamPair.readAll(in.body());
      } catch (IOException e) {
        seen.set(e);
        throw e;
      }
    });
    ByteBufSource failing = new ByteBufSource() {
      private int calls;

      @Override
      public ByteBuf next() throws IOException {
        if (calls++ < 3) {
          return Unpooled.wrappedBuffer(random(100_000, calls));
        }
        throw new IOException("disk read failed");
      }

      @Override
      public long declaredLength() {
        return 1_000_000;
      }
    };

    CompletableFuture<Ack> ack = pair.sender.send(pair.peer, ObjectHeader.of("watch", BUCKET, "partial"),
        Body.of(failing));

    assertThatThrownBy(() -> ack.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(JaisException.class)
        .hasMessageContaining("t[receiver]").hasMessageContaining("ais://dst/partial")
        .hasMessageContaining("disk read failed");
    io.jais.node.http.Await.until("the handler saw the failure", () -> seen.get() != null);
    assertThat(seen.get()).hasMessageContaining("truncated").hasMessageContaining("ais://dst/partial");
    assertStillUsable();
  }

  /** More objects than connections go through without a new connection: none was lost. */
  private void assertStillUsable() throws Exception {
    for (int i = 0; i < 3; i++) {
      byte[] data = random(1 << 20, 100 + i);
      assertThat(send(header("after-" + i), Body.of(data))).isEqualTo(Ack.OK);
      assertThat(received.get("after-" + i).body()).isEqualTo(data);
    }
    assertThat(pair.sender.stats().connects()).isEqualTo(StreamOptions.DEFAULT.connectionsPerPeer());
    assertThat(pair.sender.stats().transfersFailed()).isZero();
    assertThat(pair.receiver.stats().protocolErrors()).isZero();
  }

  @Test
  void headerLargerThanThePeerTakes_failsThatObjectOnly() throws Exception {
    CompletableFuture<Ack> tooLarge = pair.sender.send(pair.peer,
        header("huge-header").withOpaque(new byte[StreamOptions.DEFAULT.maxHeaderBytes()]), Body.of(random(10, 7)));

    assertThatThrownBy(() -> tooLarge.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(JaisException.class)
        .hasMessageContaining("header of").satisfies(e ->
            assertThat(((JaisException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(send(header("small-header"), Body.of(random(10, 8)))).isEqualTo(Ack.OK);
  }

  @Test
  void register_takenNameIsRefused_closedRegistrationTakesTheHandlerAway() throws Exception {
    assertThatThrownBy(() -> pair.receiver.register("collect", in -> {})).isInstanceOf(IllegalStateException.class);
    Registration temporary = pair.receiver.register("temporary", in -> {});
    assertThat(send(ObjectHeader.of("temporary", BUCKET, "a"), Body.none())).isEqualTo(Ack.OK);

    temporary.close();

    assertThat(send(ObjectHeader.of("temporary", BUCKET, "b"), Body.none()).code()).isEqualTo(ErrorCode.NOT_FOUND);
    pair.receiver.register("temporary", in -> {}).close();
  }

  /** A body handed out in chunks of a given size; -1 declares an unknown length. */
  static final class ChunkedSource implements ByteBufSource {
    private final byte[] data;
    private final int chunk;
    private final long declared;
    private int at;

    ChunkedSource(byte[] data, int chunk, long declared) {
      this.data = data;
      this.chunk = chunk;
      this.declared = declared;
    }

    @Override
    public ByteBuf next() {
      if (at >= data.length) {
        return null;
      }
      int n = Math.min(chunk, data.length - at);
      ByteBuf buf = Unpooled.directBuffer(n).writeBytes(data, at, n);
      at += n;
      return buf;
    }

    @Override
    public long declaredLength() {
      return declared;
    }
  }
}
