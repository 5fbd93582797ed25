package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A large upload against a consumer slower than the network: the server must not buffer it. */
class BodyStreamingTest {
  private static final int HIGH_WATER = 1 << 20;
  private static final int LOW_WATER = 256 * 1024;
  private static NettyServer server;

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.install();
    RouteTable routes =
        RouteTable.builder().route(PUT, "/v1/upload", BodyStreamingTest::slowConsume).build();
    ServerOptions options =
        ServerOptions.of("127.0.0.1", 0, "t[stream]").withBodyWaterMarks(HIGH_WATER, LOW_WATER);
    server = NettyServer.start(routes, options);
  }

  @AfterAll
  static void stop() {
    server.close();
    LeakWatch.assertNoLeaks();
  }

  // Reads a high-water mark's worth, then waits until the server has paused the socket again (or
  // the body is complete): a consumer that is always behind, without any timing assumptions.
  private static Response slowConsume(Request request) throws Exception {
    RequestBody body = (RequestBody) request.body();
    CRC32 crc = new CRC32();
    long total = 0;
    long sinceWait = HIGH_WATER;
    for (; ; ) {
      if (sinceWait >= HIGH_WATER) {
        Await.until("socket paused or body complete", () -> body.isPaused() || body.isComplete());
        sinceWait = 0;
      }
      ByteBuf chunk = body.next();
      if (chunk == null) {
        break;
      }
      try {
        total += chunk.readableBytes();
        sinceWait += chunk.readableBytes();
        crc.update(chunk.nioBuffer());
      } finally {
        chunk.release();
      }
    }
    return Response.json(
        Map.of(
            "total",
            total,
            "crc",
            crc.getValue(),
            "peak",
            body.peakQueuedBytes(),
            "pauses",
            body.pauses()));
  }

  @Test
  void put_64MiBWithSlowConsumer_streamsThroughBoundedQueue() throws Exception {
    byte[] data = new byte[64 << 20];
    new SplittableRandom(42).nextBytes(data);
    CRC32 expected = new CRC32();
    expected.update(data);

    String reply;
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      reply =
          client
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/v1/upload"))
                      .PUT(BodyPublishers.ofByteArray(data))
                      .build(),
                  BodyHandlers.ofString())
              .body();
    }

    JsonNode stats = new ObjectMapper().readTree(reply);
    assertThat(stats.get("total").asLong()).isEqualTo(data.length);
    assertThat(stats.get("crc").asLong()).isEqualTo(expected.getValue());
    // paused about once per MiB, and never held much more than the high-water mark: one socket
    // read may land after reading stopped, nothing more
    assertThat(stats.get("pauses").asInt()).isGreaterThanOrEqualTo(32);
    assertThat(stats.get("peak").asLong())
        .isBetween((long) HIGH_WATER, (long) HIGH_WATER + HttpChannelInitializer.MAX_READ);
  }
}
