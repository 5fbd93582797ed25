package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proxy relays S3 bodies instead of buffering them: a 1 GiB PUT is paused half-way by the
 * client, and the heap that survives a GC at that moment must not have grown by anything near the
 * 512 MiB already sent (the nodes run in this JVM, so their heap is this heap). The GET back is
 * streamed and checked by MD5 without being held either.
 */
@JaisCluster(proxies = 1, targets = 2, mountpaths = 1)
class S3StreamingIT {
  private static final long SIZE = 1L << 30;
  private static final long PAUSE_AT = SIZE / 2;
  private static final long MAX_RETAINED_GROWTH = 128L << 20;

  private final String s3;

  S3StreamingIT(LocalCluster cluster) {
    this.s3 = cluster.endpoint() + "/s3";
  }

  @Test
  void putAndGet_ofOneGib_doNotRaiseRetainedHeap() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    http.send(HttpRequest.newBuilder(URI.create(s3 + "/streaming")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = retainedHeap(memory);

    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    PatternStream body = new PatternStream(SIZE, PAUSE_AT, paused, resume);
    CompletableFuture<HttpResponse<String>> put = http.sendAsync(HttpRequest.newBuilder(URI.create(s3 + "/streaming/big"))
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(paused.await(120, TimeUnit.SECONDS)).as("the client reached the half-way mark").isTrue();
    Thread.sleep(1000); // let what is in flight settle on the target's disk
    long midway = retainedHeap(memory);
    resume.countDown();
    HttpResponse<String> reply = put.get(300, TimeUnit.SECONDS);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    System.out.printf("S3StreamingIT: retained heap %d MiB before, %d MiB with 512 MiB of the PUT sent%n",
        baseline >> 20, midway >> 20);
    assertThat(midway - baseline).as("heap retained half-way through a 1 GiB PUT").isLessThan(MAX_RETAINED_GROWTH);
    assertThat(reply.headers().firstValue("ETag")).hasValue("\"" + body.md5() + "\"");

    HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(URI.create(s3 + "/streaming/big")).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long total = 0;
    try (InputStream in = get.body()) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md5.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(SIZE);
    assertThat(HexFormat.of().formatHex(md5.digest())).isEqualTo(body.md5());
    http.send(HttpRequest.newBuilder(URI.create(s3 + "/streaming/big")).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static long retainedHeap(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** A generated body that waits at {@code pauseAt} until released, and knows its own MD5. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private final long pauseAt;
    private final CountDownLatch paused;
    private final CountDownLatch resume;
    private final MessageDigest md5;
    private long position;

    PatternStream(long size, long pauseAt, CountDownLatch paused, CountDownLatch resume) throws Exception {
      this.size = size;
      this.pauseAt = pauseAt;
      this.paused = paused;
      this.resume = resume;
      this.md5 = MessageDigest.getInstance("MD5");
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
      if (position == pauseAt && paused.getCount() > 0) {
        paused.countDown();
        try {
          resume.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
      if (position >= size) {
        return -1;
      }
      long limit = position < pauseAt ? pauseAt : size;
      int n = (int) Math.min(length, limit - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = (byte) ((position + i) * 31 >>> 7);
      }
      md5.update(buffer, offset, n);
      position += n;
      return n;
    }

    private String hex;

    /** The MD5 of the whole body; call once it has been read. */
    String md5() {
      if (hex == null) {
        hex = HexFormat.of().formatHex(md5.digest());
      }
      return hex;
    }
  }
}
