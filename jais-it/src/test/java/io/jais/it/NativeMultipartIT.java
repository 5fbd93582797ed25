package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * AIS native multipart upload over raw HTTP (as the AIS SDK sends it: action messages through
 * the proxy's redirect) on three targets: parts out of order make the object in part-number order,
 * HEAD v2 reports the chunks; an upload started through S3 is completed through the native API and
 * the other way round (one implementation of uploads); every bad request is 4xx with AIS's words
 * and leaves upload and object as they were. Object rename ({@code rename-obj}) too.
 */
@JaisCluster(proxies = 1, targets = 3)
class NativeMultipartIT {
  private static final int MIB = TestBytes.MIB;

  private final String endpoint;
  private final JaisClient client;
  private final S3Client s3;

  NativeMultipartIT(LocalCluster cluster, JaisClient client) {
    this.endpoint = cluster.endpoint();
    this.client = client;
    this.s3 = S3Clients.of(cluster.endpoint());
  }

  private String url(String bucket, String object, String query) {
    return endpoint + "/v1/objects/" + bucket + "/" + object + "?provider=ais" + (query.isEmpty() ? "" : "&" + query);
  }

  private HttpResponse<byte[]> action(String method, String url, String json) throws Exception {
    return RawHttp.send(method, url, RawHttp.json(json), "Content-Type", "application/json");
  }

  private String create(String bucket, String object) throws Exception {
    HttpResponse<byte[]> reply = action("POST", url(bucket, object, ""), "{\"action\":\"mpt-upload\",\"name\":\"\"}");
    assertThat(reply.statusCode()).as(RawHttp.text(reply)).isEqualTo(200);
    return RawHttp.text(reply).strip();
  }

  private HttpResponse<byte[]> part(String bucket, String object, String id, int number, byte[] data) throws Exception {
    return RawHttp.send("PUT", url(bucket, object, "uploadId=" + id + "&partNumber=" + number), data);
  }

  /** A part sent with chunked transfer encoding (no Content-Length), as a streaming client does. */
  private HttpResponse<byte[]> chunkedPart(String bucket, String object, String id, int number, byte[] data)
      throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
        .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()) {
      java.net.http.HttpRequest request = java.net.http.HttpRequest
          .newBuilder(java.net.URI.create(url(bucket, object, "uploadId=" + id + "&partNumber=" + number)))
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data)))
          .build();
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private HttpResponse<byte[]> complete(String bucket, String object, String id, int... numbers) throws Exception {
    StringBuilder list = new StringBuilder("[");
    for (int n : numbers) {
      list.append(list.length() > 1 ? "," : "").append("{\"part-number\":").append(n).append(",\"etag\":\"\"}");
    }
    return action("POST", url(bucket, object, "uploadId=" + id), "{\"action\":\"mpt-complete\",\"name\":\"\",\"value\":"
        + list + "]}");
  }

  @Test
  void partsOutOfOrder_makeTheObjectInNumberOrder_headV2ReportsChunks() throws Exception {
    client.buckets().create(Bucket.ais("nmp"));
    String id = create("nmp", "big/obj");
    byte[][] parts = {TestBytes.random(1, 2 * MIB), TestBytes.random(2, 2 * MIB), TestBytes.random(3, 777)};
    for (int n : new int[] {3, 1, 2}) {
      assertThat(part("nmp", "big/obj", id, n, parts[n - 1]).statusCode()).isEqualTo(200);
    }
    HttpResponse<byte[]> done = complete("nmp", "big/obj", id, 2, 3, 1);
    assertThat(done.statusCode()).as(RawHttp.text(done)).isEqualTo(200);

    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      whole.write(p);
    }
    assertThat(client.objects().get(Bucket.ais("nmp"), "big/obj")).isEqualTo(whole.toByteArray());
    HttpResponse<byte[]> head = RawHttp.send("HEAD", url("nmp", "big/obj", "props=chunked"), new byte[0]);
    assertThat(head.headers().firstValue("Ais-Chunks-Count")).hasValue("3");
    assertThat(head.headers().firstValue("Ais-Chunks-Max-Chunk-Size")).hasValue(Integer.toString(2 * MIB));

    client.objects().put(Bucket.ais("nmp"), "big/obj", "plain".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> plain = RawHttp.send("HEAD", url("nmp", "big/obj", "props=chunked"), new byte[0]);
    assertThat(plain.headers().firstValue("Ais-Chunks-Count")).as("a plain PUT is not chunked").isEmpty();
  }

  @Test
  void oneUpload_twoDoors_s3StartsNativeCompletes_andTheOtherWayRound() throws Exception {
    s3.createBucket(b -> b.bucket("nmp-doors"));
    byte[] first = TestBytes.random(4, 5 * MIB);
    byte[] second = TestBytes.random(5, 1000);
    byte[] third = TestBytes.random(6, 5 * MIB);

    String s3Started = s3.createMultipartUpload(b -> b.bucket("nmp-doors").key("k")).uploadId();
    s3.uploadPart(b -> b.bucket("nmp-doors").key("k").uploadId(s3Started).partNumber(1), RequestBody.fromBytes(first));
    assertThat(part("nmp-doors", "k", s3Started, 2, second).statusCode()).isEqualTo(200);
    assertThat(complete("nmp-doors", "k", s3Started, 1, 2).statusCode()).isEqualTo(200);
    assertThat(client.objects().get(Bucket.ais("nmp-doors"), "k")).isEqualTo(concat(first, second));

    String nativeStarted = create("nmp-doors", "k");
    String etag1 = s3.uploadPart(b -> b.bucket("nmp-doors").key("k").uploadId(nativeStarted).partNumber(1),
        RequestBody.fromBytes(third)).eTag(); // S3: every part but the last at least 5 MiB
    assertThat(part("nmp-doors", "k", nativeStarted, 2, second).statusCode()).isEqualTo(200);
    String etag2 = s3.listParts(b -> b.bucket("nmp-doors").key("k").uploadId(nativeStarted)).parts().get(1).eTag();
    s3.completeMultipartUpload(b -> b.bucket("nmp-doors").key("k").uploadId(nativeStarted).multipartUpload(
        m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
            CompletedPart.builder().partNumber(2).eTag(etag2).build())));
    assertThat(client.objects().get(Bucket.ais("nmp-doors"), "k")).isEqualTo(concat(third, second));
    HttpResponse<byte[]> head = RawHttp.send("HEAD", url("nmp-doors", "k", "props=chunked"), new byte[0]);
    assertThat(head.headers().firstValue("Ais-Chunks-Count")).hasValue("2");
  }

  @Test
  void badRequests_are4xx_withAisWords_andChangeNothing() throws Exception {
    client.buckets().create(Bucket.ais("nmp-bad"));
    client.objects().put(Bucket.ais("nmp-bad"), "obj", "original".getBytes(StandardCharsets.UTF_8));
    String id = create("nmp-bad", "obj");
    String empty = create("nmp-bad", "obj");

    assertError(part("nmp-bad", "obj", id, 1, new byte[0]), 400, "invalid size (0)");
    assertError(part("nmp-bad", "obj", id, 0, new byte[] {1}), 400, "invalid part number");
    assertError(part("nmp-bad", "obj", "nosuchupload", 1, new byte[] {1}), 404, "does not exist");
    assertError(complete("nmp-bad", "obj", empty, 1), 400, "no chunks");
    assertThat(part("nmp-bad", "obj", id, 1, new byte[] {1, 2}).statusCode()).isEqualTo(200);
    assertError(chunkedPart("nmp-bad", "obj", id, 1, new byte[0]), 400, "invalid size (0)");
    assertError(complete("nmp-bad", "obj", id, 1, 1), 400, "partial completion");
    assertError(complete("nmp-bad", "obj", id, 2), 400, "parts must be exactly 1..1");
    assertError(action("POST", url("nmp-bad", "obj", "uploadId=" + id), "{\"action\":\"mpt-complete\"}"), 400,
        "nil parts list");
    assertError(complete("nmp-bad", "other", id, 1), 404, "does not exist");
    assertThat(new String(client.objects().get(Bucket.ais("nmp-bad"), "obj"), StandardCharsets.UTF_8))
        .isEqualTo("original");

    assertThat(complete("nmp-bad", "obj", id, 1).statusCode()).as("the upload survived the bad requests")
        .isEqualTo(200);
    assertThat(client.objects().get(Bucket.ais("nmp-bad"), "obj")).isEqualTo(new byte[] {1, 2});
    assertError(complete("nmp-bad", "obj", id, 1), 404, "does not exist");
    assertThat(action("DELETE", url("nmp-bad", "obj", "uploadId=" + empty), "{\"action\":\"mpt-abort\"}").statusCode())
        .isEqualTo(200);
    assertError(action("DELETE", url("nmp-bad", "obj", "uploadId=" + empty), "{\"action\":\"mpt-abort\"}"), 404,
        "does not exist");
    assertThat(s3.listMultipartUploads(b -> b.bucket("nmp-bad")).uploads()).isEmpty();
  }

  @Test
  void renameObject_movesItToTheNewName_badNamesAre400() throws Exception {
    client.buckets().create(Bucket.ais("nmp-mv"));
    List<String> names = List.of("a", "b", "c", "d", "e", "f");
    for (String name : names) {
      client.objects().put(Bucket.ais("nmp-mv"), name, name.getBytes(StandardCharsets.UTF_8));
    }
    for (String name : names) {
      HttpResponse<byte[]> moved = action("POST", url("nmp-mv", name, ""),
          "{\"action\":\"rename-obj\",\"name\":\"moved/" + name + "\"}");
      assertThat(moved.statusCode()).as(RawHttp.text(moved)).isEqualTo(200);
    }
    assertThat(client.buckets().listNames(Bucket.ais("nmp-mv"), ""))
        .containsExactlyElementsOf(names.stream().map(n -> "moved/" + n).toList());
    assertThat(client.objects().get(Bucket.ais("nmp-mv"), "moved/c")).isEqualTo("c".getBytes(StandardCharsets.UTF_8));

    assertError(action("POST", url("nmp-mv", "moved/a", ""), "{\"action\":\"rename-obj\",\"name\":\"moved/a\"}"), 400,
        "to self");
    assertError(action("POST", url("nmp-mv", "moved/a", ""), "{\"action\":\"rename-obj\",\"name\":\"\"}"), 400,
        "missing new name");
    assertError(action("POST", url("nmp-mv", "nothere", ""), "{\"action\":\"rename-obj\",\"name\":\"x\"}"), 404, "");
    assertThat(client.buckets().listNames(Bucket.ais("nmp-mv"), "")).hasSize(names.size());
  }

  @Test
  void renameObject_racingWriteToTheOldName_isNeverLost() throws Exception {
    Bucket bucket = Bucket.ais("nmp-mv-race");
    client.buckets().create(bucket);
    byte[] big = new byte[4 * MIB];
    java.util.Arrays.fill(big, (byte) 'a');
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 12; i++) {
        String name = "src-" + i;
        byte[] newer = ("newer " + i).getBytes(StandardCharsets.UTF_8);
        client.objects().put(bucket, name, big);
        var rename = pool.submit(() -> action("POST", url("nmp-mv-race", name, ""),
            "{\"action\":\"rename-obj\",\"name\":\"dst-" + name + "\"}"));
        var write = pool.submit(() -> client.objects().put(bucket, name, newer));
        write.get();
        assertThat(rename.get().statusCode()).isEqualTo(200);
        List<String> listed = client.buckets().listNames(bucket, "");
        boolean atOld = listed.contains(name) && java.util.Arrays.equals(client.objects().get(bucket, name), newer);
        boolean atNew = java.util.Arrays.equals(client.objects().get(bucket, "dst-" + name), newer);
        assertThat(atOld || atNew).as("the acknowledged write of " + name + " survives the rename").isTrue();
      }
    }
  }

  private static void assertError(HttpResponse<byte[]> reply, int status, String words) {
    assertThat(reply.statusCode()).as(RawHttp.text(reply)).isEqualTo(status);
    assertThat(RawHttp.text(reply)).contains(words);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
