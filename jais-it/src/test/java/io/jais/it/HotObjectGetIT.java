package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GETs of objects read moments ago, which targets answer on the event loop from cached metadata
 * and an open descriptor (docs/performance.md): every change of the object, and of its bucket's
 * properties, must show on the very next GET.
 */
@JaisCluster(proxies = 2, targets = 3)
class HotObjectGetIT {
  private static final String BUCKET = "hot-objects";

  private final String endpoint;

  HotObjectGetIT(LocalCluster cluster) {
    this.endpoint = cluster.endpoint();
  }

  @BeforeAll
  static void createBucket(LocalCluster cluster) throws Exception {
    HttpResponse<byte[]> r = send("POST", cluster.endpoint() + "/v1/buckets/" + BUCKET + "?provider=ais",
        json("{\"action\":\"create-bck\",\"name\":\"\",\"value\":null}"), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
  }

  private String url(String object) {
    return endpoint + "/v1/objects/" + BUCKET + "/" + object + "?provider=ais";
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  /** PUTs, then GETs a few times so that the owner caches the descriptor and serves it hot. */
  private void putHot(String object, byte[] data) throws Exception {
    assertThat(send("PUT", url(object), data).statusCode()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      assertThat(send("GET", url(object), null).body()).isEqualTo(data);
    }
  }

  @Test
  void overwrite_nextGetReturnsTheNewBytesAndVersion() throws Exception {
    putHot("over", random(20_000, 1));
    byte[] v2 = random(7_777, 2);

    assertThat(send("PUT", url("over"), v2).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> r = send("GET", url("over"), null);
    assertThat(r.body()).isEqualTo(v2);
    assertThat(r.headers().firstValue("Content-Length")).hasValue("7777");
    assertThat(r.headers().firstValue("Ais-Version")).hasValue("2");
    assertThat(r.headers().firstValue("Ais-Checksum-Value"))
        .isEqualTo(send("HEAD", url("over"), null).headers().firstValue("Ais-Checksum-Value"));
  }

  @Test
  void delete_nextGetIsNotFound() throws Exception {
    putHot("gone", random(1000, 3));

    assertThat(send("DELETE", url("gone"), null).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> r = send("GET", url("gone"), null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(text(r)).contains("does not exist");
  }

  @Test
  void ranges_onAHotObject_returnTheSlices() throws Exception {
    byte[] data = random(100_000, 4);
    putHot("ranged", data);

    HttpResponse<byte[]> r = send("GET", url("ranged"), null, "Range", "bytes=70000-70099");
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 70000-70099/100000");
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 70000, 70100));
    assertThat(send("GET", url("ranged"), null, "Range", "bytes=-10").body())
        .isEqualTo(Arrays.copyOfRange(data, 99990, 100000));
    assertThat(send("GET", url("ranged"), null, "Range", "bytes=100000-").statusCode()).isEqualTo(416);
  }

  @Test
  void customMetadataChange_nextGetCarriesIt() throws Exception {
    putHot("custom", random(10, 5));

    assertThat(send("PATCH", url("custom"),
        json("{\"action\":\"set-custom\",\"value\":{\"color\":\"blue\"}}"), "Content-Type", "application/json")
        .statusCode()).isEqualTo(200);

    assertThat(send("GET", url("custom"), null).headers().allValues("Ais-Custom-Md")).containsExactly("color=blue");
  }

  @Test
  void hotGet_answersByteForByteAsTheFullPath_apartFromTheAtime() throws Exception {
    byte[] data = random(5_000, 9);
    putHot("same-bytes", data);
    assertThat(send("PATCH", url("same-bytes"),
        json("{\"action\":\"set-custom\",\"value\":{\"color\":\"blue\",\"ETag\":\"e-1\"}}"),
        "Content-Type", "application/json").statusCode()).isEqualTo(200);
    String target = RawHttp.sendNoRedirect("GET", url("same-bytes"), null).headers().firstValue("Location")
        .orElseThrow();
    send("GET", target, null); // fills the descriptor cache again after the PATCH dropped it

    byte[] hot = rawGet(target);
    byte[] full = rawGet(target + "&uncached=1"); // a parameter the fast path leaves to the full path

    assertThat(withoutAtime(hot)).isEqualTo(withoutAtime(full));
    assertThat(withoutAtime(hot)).contains("Ais-Custom-Md: color=blue", "ETag: e-1")
        .containsIgnoringCase("Content-Length: 5000")
        .endsWith(new String(data, StandardCharsets.ISO_8859_1));
  }

  /** One GET over a fresh connection, the response as it came off the wire. */
  private static byte[] rawGet(String url) throws Exception {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
          + uri.getHost() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return socket.getInputStream().readAllBytes();
    }
  }

  private static String withoutAtime(byte[] response) {
    return new String(response, StandardCharsets.ISO_8859_1)
        .replaceAll("\r\nAis-Atime: [0-9]+\r\n", "\r\nAis-Atime: *\r\n");
  }

  @Test
  void concurrentOverwrites_everyGetReturnsOneWholeVersion() throws Exception {
    byte[] a = random(48 * 1024, 6);
    byte[] b = random(16 * 1024 + 5, 7);
    putHot("contended", a);
    AtomicBoolean writing = new AtomicBoolean(true);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> writer = pool.submit(() -> {
        try {
          for (int i = 0; i < 60; i++) {
            assertThat(send("PUT", url("contended"), i % 2 == 0 ? b : a).statusCode()).isEqualTo(200);
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        readers.add(pool.submit(() -> {
          int reads = 0;
          while (writing.get() || reads == 0) {
            byte[] got = send("GET", url("contended"), null).body();
            assertThat(got).isEqualTo(got.length == a.length ? a : b);
            reads++;
          }
          return reads;
        }));
      }
      writer.get();
      for (Future<Integer> reader : readers) {
        assertThat(reader.get()).isPositive();
      }
    }
  }

  @Test
  void warmGetValidation_turnedOnAfterHotGets_stillCatchesCorruption() throws Exception {
    byte[] data = random(64 * 1024, 8);
    putHot("precious", data);
    assertThat(send("PATCH", endpoint + "/v1/buckets/" + BUCKET + "?provider=ais",
        json("{\"action\":\"set-bprops\",\"value\":{\"checksum\":{\"validate_warm_get\":true}}}"))
        .statusCode()).isEqualTo(200);
    try {
      String location = send("HEAD", url("precious"), null).headers().firstValue("Ais-Location").orElseThrow();
      Path file = Path.of(location.substring(location.indexOf("]:") + 2), "@ais", BUCKET, "%ob", "precious");
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(new byte[] {(byte) ~data[100]}), 100); // same inode, same size
      }

      HttpResponse<byte[]> r = send("GET", url("precious"), null);

      // caught despite the cached descriptor; nothing redundant to restore it from: quarantined
      assertThat(r.statusCode()).isEqualTo(410);
      assertThat(text(r)).contains("ErrObjQuarantined").contains("checksum mismatch");
    } finally {
      send("PATCH", endpoint + "/v1/buckets/" + BUCKET + "?provider=ais",
          json("{\"action\":\"set-bprops\",\"value\":{\"checksum\":{\"validate_warm_get\":false}}}"));
    }
  }
}
