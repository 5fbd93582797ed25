package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.sendNoRedirect;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 pipelining (RFC 9112 §9.3): a client may write many requests on one connection before
 * reading any answer. Each is answered, in order, on the same connection: hundreds at once through
 * the targets' event-loop GET path, the handler path, the proxy's redirects, errors in between,
 * and after the client half-closed its end.
 */
@JaisCluster(proxies = 1, targets = 2)
class PipelinedRequestsIT {
  private static final String BUCKET = "pipelined";
  private static final int DEPTH = 500;
  /** 16 KiB objects go out with the head in one write, the 100 KiB ones with sendfile. */
  private static final int[] SIZES = {16 * 1024, 100 * 1024, 16 * 1024 + 7, 70 * 1024};

  private static final List<Stored> objects = new ArrayList<>();
  private static String proxy;

  /** An object, its content and the target URL (path and query) the proxy redirects it to. */
  private record Stored(String name, byte[] data, URI target) {}

  /** A response as read off the wire. */
  private record Reply(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  @BeforeAll
  static void putObjects(LocalCluster cluster) throws Exception {
    proxy = cluster.endpoint();
    HttpResponse<byte[]> r = send("POST", proxy + "/v1/buckets/" + BUCKET + "?provider=ais",
        json("{\"action\":\"create-bck\",\"name\":\"\",\"value\":null}"), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    for (int i = 0; i < 12; i++) {
      String name = "obj-" + i;
      byte[] data = TestBytes.random(i, SIZES[i % SIZES.length]);
      assertThat(send("PUT", objectUrl(name), data).statusCode()).isEqualTo(200);
      String location = sendNoRedirect("GET", objectUrl(name), null).headers().firstValue("Location").orElseThrow();
      objects.add(new Stored(name, data, URI.create(location)));
    }
  }

  private static String objectUrl(String name) {
    return proxy + "/v1/objects/" + BUCKET + "/" + name + "?provider=ais";
  }

  /** The objects one target owns (the one owning the first object), all GET a few times: hot. */
  private static List<Stored> hotOnOneTarget() throws Exception {
    URI owner = objects.getFirst().target();
    List<Stored> own = new ArrayList<>();
    for (Stored object : objects) {
      if (object.target().getPort() == owner.getPort()) {
        own.add(object);
        for (int i = 0; i < 3; i++) {
          assertThat(send("GET", object.target().toString(), null).body()).isEqualTo(object.data());
        }
      }
    }
    assertThat(own).hasSizeGreaterThan(1);
    return own;
  }

  private static String request(String method, URI uri, String... headers) {
    StringBuilder request = new StringBuilder(method).append(' ').append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      request.append('?').append(uri.getRawQuery());
    }
    request.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  @Test
  void target_500PipelinedGetsAndHeads_allAnsweredInOrder() throws Exception {
    List<Stored> own = hotOnOneTarget();
    URI target = own.getFirst().target();
    StringBuilder requests = new StringBuilder();
    List<Stored> expected = new ArrayList<>();
    List<Boolean> heads = new ArrayList<>();
    for (int i = 0; i < DEPTH; i++) {
      Stored object = own.get(i % own.size());
      boolean head = i % 7 == 3;
      // every fifth GET carries a parameter the event-loop path leaves to a virtual thread
      URI uri = i % 5 == 1 ? URI.create(object.target() + "&uncached=1") : object.target();
      requests.append(request(head ? "HEAD" : "GET", uri));
      expected.add(object);
      heads.add(head);
    }

    try (Pipeline pipeline = new Pipeline(target)) {
      pipeline.write(requests.toString());
      for (int i = 0; i < DEPTH; i++) {
        Reply reply = pipeline.read(heads.get(i));
        Stored object = expected.get(i);
        assertThat(reply.status()).as("response %d", i).isEqualTo(200);
        assertThat(reply.header("Content-Length")).as("response %d", i)
            .isEqualTo(String.valueOf(object.data().length));
        if (!heads.get(i)) {
          assertThat(reply.body()).as("response %d: %s", i, object.name()).isEqualTo(object.data());
        }
      }
      assertStillServes(pipeline, own.getFirst());
    }
  }

  @Test
  void proxy_500PipelinedGets_allRedirectedInOrder() throws Exception {
    URI endpoint = URI.create(proxy);
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      Stored object = objects.get(i % objects.size());
      requests.append(request("GET", URI.create(objectUrl(object.name()))));
    }

    try (Pipeline pipeline = new Pipeline(endpoint)) {
      pipeline.write(requests.toString());
      for (int i = 0; i < DEPTH; i++) {
        Reply reply = pipeline.read(false);
        Stored object = objects.get(i % objects.size());
        assertThat(reply.status()).as("response %d", i).isEqualTo(301);
        assertThat(URI.create(reply.header("Location")).getRawPath()).as("response %d", i)
            .isEqualTo(object.target().getRawPath());
        assertThat(URI.create(reply.header("Location")).getPort()).as("response %d", i)
            .isEqualTo(object.target().getPort());
      }
      pipeline.write(request("GET", URI.create(objectUrl(objects.getFirst().name()))));
      assertThat(pipeline.read(false).status()).as("kept alive after the pipeline").isEqualTo(301);
    }
  }

  @Test
  void target_pipelineWithMissingObjectsInBetween_answers404sInPlaceAndKeepsGoing() throws Exception {
    List<Stored> own = hotOnOneTarget();
    URI target = own.getFirst().target();
    URI missing = URI.create(target.toString().replace("/" + own.getFirst().name() + "?", "/no-such-object?"));
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(request("GET", i % 50 == 25 ? missing : own.get(i % own.size()).target()));
    }

    try (Pipeline pipeline = new Pipeline(target)) {
      pipeline.write(requests.toString());
      for (int i = 0; i < DEPTH; i++) {
        Reply reply = pipeline.read(false);
        if (i % 50 == 25) {
          assertThat(reply.status()).as("response %d", i).isEqualTo(404);
          assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("no-such-object");
        } else {
          assertThat(reply.status()).as("response %d", i).isEqualTo(200);
          assertThat(reply.body()).as("response %d", i).isEqualTo(own.get(i % own.size()).data());
        }
      }
      assertStillServes(pipeline, own.getFirst());
    }
  }

  @Test
  void target_clientHalfClosesAfterThePipeline_stillGetsEveryResponse() throws Exception {
    // HEADs: small answers (see PipeliningTest in jais-node for why, with Netty 4.2.18's epoll)
    List<Stored> own = hotOnOneTarget();
    URI target = own.getFirst().target();
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(request("HEAD", own.get(i % own.size()).target()));
    }

    try (Pipeline pipeline = new Pipeline(target)) {
      pipeline.write(requests.toString());
      pipeline.socket.shutdownOutput();
      for (int i = 0; i < DEPTH; i++) {
        Reply reply = pipeline.read(true);
        assertThat(reply.status()).as("response %d", i).isEqualTo(200);
        assertThat(reply.header("Content-Length")).as("response %d", i)
            .isEqualTo(String.valueOf(own.get(i % own.size()).data().length));
      }
      assertThat(pipeline.endsCleanly()).as("closed once all is answered").isTrue();
    }
  }

  @Test
  void proxy_clientHalfClosesAfterThePipeline_stillGetsEveryRedirect() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < DEPTH; i++) {
      requests.append(request("GET", URI.create(objectUrl(objects.get(i % objects.size()).name()))));
    }

    try (Pipeline pipeline = new Pipeline(URI.create(proxy))) {
      pipeline.write(requests.toString());
      pipeline.socket.shutdownOutput();
      for (int i = 0; i < DEPTH; i++) {
        Reply reply = pipeline.read(false);
        assertThat(reply.status()).as("response %d", i).isEqualTo(301);
        assertThat(URI.create(reply.header("Location")).getRawPath()).as("response %d", i)
            .isEqualTo(objects.get(i % objects.size()).target().getRawPath());
      }
      assertThat(pipeline.endsCleanly()).as("closed once all is answered").isTrue();
    }
  }

  /** The connection is kept alive after the pipeline: one more request is answered. */
  private static void assertStillServes(Pipeline pipeline, Stored object) throws IOException {
    pipeline.write(request("GET", object.target()));
    assertThat(pipeline.read(false).body()).as("kept alive after the pipeline").isEqualTo(object.data());
  }

  /** One connection: all requests in one write, then the responses parsed one by one. */
  private static final class Pipeline implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    Pipeline(URI endpoint) throws IOException {
      socket = new Socket(endpoint.getHost(), endpoint.getPort());
      socket.setSoTimeout(30_000); // a safety net against hangs, not synchronization
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    void write(String requests) throws IOException {
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }

    /** The next response; its body by Content-Length (none for HEAD). */
    Reply read(boolean head) throws IOException {
      String statusLine = line();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line; !(line = line()).isEmpty(); ) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      String length = headers.get("content-length");
      assertThat(head || length != null).as("a length on %s %s", statusLine, headers).isTrue();
      byte[] body = head ? new byte[0] : in.readNBytes(Integer.parseInt(length));
      assertThat(body.length).as("body of %s", statusLine).isEqualTo(head ? 0 : Integer.parseInt(length));
      return new Reply(status, headers, body);
    }

    /** True once the server closed its end after all it sent (end of stream, not a reset). */
    boolean endsCleanly() throws IOException {
      try {
        return in.read() == -1;
      } catch (java.net.SocketException e) {
        return false;
      }
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          throw new IOException("connection closed mid-response after: " + line);
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
