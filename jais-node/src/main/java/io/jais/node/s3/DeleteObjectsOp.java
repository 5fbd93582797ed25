package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.w3c.dom.Element;

/**
 * DeleteObjects: up to 1000 keys, each deleted on its owning target in parallel; a missing key
 * counts as deleted, as in S3. Quiet mode reports only the errors. The body is verified against
 * Content-MD5 when sent and parsed before anything is deleted, so a bad request deletes nothing.
 */
final class DeleteObjectsOp {
  private static final int MAX_KEYS = 1000;

  private record Outcome(String key, int status) {}

  private final TargetRelay relay;
  private final Bucket bucket;
  private final byte[] body;
  private final String contentMd5;

  DeleteObjectsOp(TargetRelay relay, Bucket bucket, byte[] body, String contentMd5) {
    this.relay = relay;
    this.bucket = bucket;
    this.body = body;
    this.contentMd5 = contentMd5;
  }

  io.jais.node.http.Response run() throws Exception {
    verifyMd5();
    Element root = XmlReader.parse(body, "Delete");
    boolean quiet = "true".equalsIgnoreCase(XmlReader.text(root, "Quiet"));
    List<String> keys = new ArrayList<>();
    for (Element object : XmlReader.children(root, "Object")) {
      String key = XmlReader.text(object, "Key");
      if (key == null || key.isEmpty()) {
        throw XmlReader.malformed("<Object> without <Key>");
      }
      keys.add(key);
    }
    if (keys.isEmpty() || keys.size() > MAX_KEYS) {
      throw XmlReader.malformed(keys.size() + " keys (expected: 1.." + MAX_KEYS + ")");
    }
    XmlWriter xml = new XmlWriter().root("DeleteResult");
    for (Outcome outcome : deleteAll(keys)) {
      if (outcome.status() < 300) {
        if (!quiet) {
          xml.open("Deleted").element("Key", outcome.key()).close("Deleted");
        }
      } else {
        xml.open("Error").element("Key", outcome.key()).element("Code", S3Error.INTERNAL_ERROR.code())
            .element("Message", "delete failed with status " + outcome.status()).close("Error");
      }
    }
    return xml.close("DeleteResult").response();
  }

  private void verifyMd5() throws Exception {
    byte[] expected = Md5Source.contentMd5(contentMd5);
    if (expected != null && !MessageDigest.isEqual(expected, MessageDigest.getInstance("MD5").digest(body))) {
      throw new S3Exception(S3Error.BAD_DIGEST, "Content-MD5 " + Base64.getEncoder().encodeToString(expected)
          + " does not match the request body");
    }
  }

  private List<Outcome> deleteAll(List<String> keys) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Outcome>> calls = new ArrayList<>();
      for (String key : keys) {
        calls.add(pool.submit(() -> delete(key)));
      }
      List<Outcome> outcomes = new ArrayList<>(calls.size());
      for (Future<Outcome> call : calls) {
        outcomes.add(call.get());
      }
      return outcomes;
    }
  }

  private Outcome delete(String key) throws Exception {
    Snode target = relay.owner(bucket, key);
    String path = "/s3/" + bucket.name() + "/" + pathEncode(key);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(relay.targetUrl(target, path))).DELETE();
    HttpResponse<Void> reply = relay.send(request, HttpResponse.BodyHandlers.discarding());
    return new Outcome(key, reply.statusCode() == 404 ? 204 : reply.statusCode());
  }

  /** Percent-encodes each segment of a key for a URL path, keeping the slashes. */
  static String pathEncode(String key) {
    List<String> segments = new ArrayList<>();
    for (String segment : key.split("/", -1)) {
      segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return String.join("/", segments);
  }
}
