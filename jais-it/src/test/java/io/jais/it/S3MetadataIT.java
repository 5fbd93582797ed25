package io.jais.it;

import static io.jais.it.S3SdkIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * What S3 keeps with an object comes back as it was sent, through the AWS SDK for Java v2 and on
 * the wire: entity headers, user metadata (names in any case), the website redirect, on GET and
 * HEAD, through CopyObject (COPY and REPLACE) and multipart uploads; S3's limits on metadata and
 * storage classes; S3's bucket naming rules on CreateBucket only; every date a node sends in
 * IMF-fixdate.
 */
@JaisCluster(proxies = 1, targets = 3)
class S3MetadataIT {
  /** RFC 9110 IMF-fixdate: a two-digit day, 29 characters. */
  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}"
          + " \\d{2}:\\d{2}:\\d{2} GMT");
  /** Headers S3 keeps, with values as a browser or tool may send them (spaces, quotes, lists, UTF-8). */
  private static final String[] KEPT = {
      "Content-Type", "text/csv; charset=utf-8",
      "Content-Encoding", "deflate, gzip",
      "Content-Disposition", "attachment; filename=\"a b.csv\"",
      "Content-Language", "de-CH, en",
      "Cache-Control", "public, max-age=14400",
      "Expires", "Thu, 01 Jan 2037 00:00:00 GMT",
      "x-amz-website-redirect-location", "/other/page.html",
      "x-amz-meta-origin", "wire",
      "x-amz-meta-utf", "\u00e9t\u00e9 \u2603"};

  private final LocalCluster cluster;
  private final String s3Url;
  private final S3Client s3;

  S3MetadataIT(LocalCluster cluster) throws Exception {
    this.cluster = cluster;
    this.s3Url = cluster.endpoint() + "/s3";
    this.s3 = S3Clients.of(cluster.endpoint());
    RawHttp.send("PUT", s3Url + "/meta", null); // once per class: later ones answer BucketAlreadyOwnedByYou
  }

  @Test
  void keptHeaders_comeBackByteForByte_onGetAndHead() throws Exception {
    assertThat(rawSend("PUT", "/meta/wire", "data", wire(KEPT))).startsWith("HTTP/1.1 200");
    for (String method : new String[] {"GET", "HEAD"}) {
      HttpResponse<byte[]> got = RawHttp.send(method, s3Url + "/meta/wire", null);
      assertThat(got.statusCode()).isEqualTo(200);
      for (int i = 0; i < KEPT.length; i += 2) {
        assertThat(got.headers().allValues(KEPT[i])).as(method + " " + KEPT[i]).containsExactly(wire(KEPT[i + 1]));
      }
    }
    assertThat(RawHttp.send("GET", s3Url + "/meta/wire", null).body()).isEqualTo("data".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sdkPut_everyKeptHeader_andUserMetadataNamesInAnyCase() throws Exception {
    Instant expires = Instant.parse("2031-03-04T05:06:07Z");
    s3.putObject(b -> b.bucket("meta").key("sdk").contentType("application/x-thing").contentEncoding("gzip")
        .contentDisposition("inline").contentLanguage("fr").cacheControl("no-cache").expires(expires)
        .websiteRedirectLocation("https://example.com/x").storageClass(StorageClass.STANDARD)
        .metadata(Map.of("Color", "Blue", "lower", "v")), RequestBody.fromString("sdk"));
    var got = s3.getObjectAsBytes(b -> b.bucket("meta").key("sdk"));
    SdkHttpResponse http = got.response().sdkHttpResponse();
    assertThat(got.response().contentType()).isEqualTo("application/x-thing");
    assertThat(got.response().contentEncoding()).as("aws-chunked framing is not the object's").isEqualTo("gzip");
    assertThat(got.response().contentDisposition()).isEqualTo("inline");
    assertThat(got.response().contentLanguage()).isEqualTo("fr");
    assertThat(got.response().cacheControl()).isEqualTo("no-cache");
    assertThat(http.firstMatchingHeader("Expires")).hasValue("Tue, 04 Mar 2031 05:06:07 GMT");
    assertThat(got.response().websiteRedirectLocation()).isEqualTo("https://example.com/x");
    assertThat(got.response().metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("color", "Blue", "lower", "v"));
    assertThat(http.firstMatchingHeader("x-amz-storage-class")).as("S3 never returns STANDARD").isEmpty();
    assertThat(got.asUtf8String()).isEqualTo("sdk");

    HttpResponse<byte[]> mixed = send("PUT", "/meta/mixed", "X-Amz-Meta-MiXeD", "one", "x-amz-meta-mixed", "two");
    assertThat(mixed.statusCode()).isEqualTo(200);
    assertThat(s3.headObject(b -> b.bucket("meta").key("mixed")).metadata())
        .containsExactlyEntriesOf(Map.of("mixed", "one,two"));
  }

  @Test
  void expires_anHttpDateIsKeptAsImfFixdate_anythingElseAsSent() throws Exception {
    send("PUT", "/meta/exp1", "Expires", "Fri, 4 Jan 2030 01:02:03 GMT");
    assertThat(header("/meta/exp1", "Expires")).isEqualTo("Fri, 04 Jan 2030 01:02:03 GMT");
    send("PUT", "/meta/exp2", "Expires", "Friday, 04-Jan-30 01:02:03 GMT");
    assertThat(header("/meta/exp2", "Expires")).isEqualTo("Fri, 04 Jan 2030 01:02:03 GMT");
    send("PUT", "/meta/exp3", "Expires", "never");
    assertThat(header("/meta/exp3", "Expires")).isEqualTo("never");
  }

  @Test
  void copyObject_copyKeepsEverythingButTheRedirect_replaceTakesTheRequests() throws Exception {
    assertThat(rawSend("PUT", "/meta/src", "copied", wire(KEPT))).startsWith("HTTP/1.1 200");

    s3.copyObject(b -> b.sourceBucket("meta").sourceKey("src").destinationBucket("meta").destinationKey("copy"));
    HttpResponse<byte[]> copy = RawHttp.send("HEAD", s3Url + "/meta/copy", null);
    for (int i = 0; i < KEPT.length; i += 2) {
      if (!KEPT[i].equals("x-amz-website-redirect-location")) {
        assertThat(copy.headers().allValues(KEPT[i])).as(KEPT[i]).containsExactly(wire(KEPT[i + 1]));
      }
    }
    assertThat(copy.headers().firstValue("x-amz-website-redirect-location")).as("S3 does not copy it").isEmpty();

    s3.copyObject(b -> b.sourceBucket("meta").sourceKey("src").destinationBucket("meta").destinationKey("copy2")
        .websiteRedirectLocation("/set/by/copy"));
    assertThat(header("/meta/copy2", "x-amz-website-redirect-location")).isEqualTo("/set/by/copy");
    assertThat(header("/meta/copy2", "Cache-Control")).isEqualTo("public, max-age=14400");

    s3.copyObject(b -> b.sourceBucket("meta").sourceKey("src").destinationBucket("meta").destinationKey("replaced")
        .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").cacheControl("max-age=1")
        .contentEncoding("br").expires(Instant.parse("2040-02-03T00:00:00Z")).metadata(Map.of("new", "1")));
    HttpResponse<byte[]> replaced = RawHttp.send("GET", s3Url + "/meta/replaced", null);
    assertThat(replaced.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(replaced.headers().firstValue("Cache-Control")).hasValue("max-age=1");
    assertThat(replaced.headers().firstValue("Content-Encoding")).hasValue("br");
    assertThat(replaced.headers().firstValue("Expires")).hasValue("Fri, 03 Feb 2040 00:00:00 GMT");
    assertThat(replaced.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(replaced.headers().firstValue("x-amz-meta-origin")).isEmpty();
    assertThat(replaced.headers().firstValue("x-amz-meta-new")).hasValue("1");
    assertThat(RawHttp.text(replaced)).isEqualTo("copied");
  }

  @Test
  void multipartUpload_keepsTheHeadersItsCreateCarried() throws Exception {
    String text = rawSend("POST", "/meta/mpu?uploads", "", wire(KEPT));
    String id = text.substring(text.indexOf("<UploadId>") + 10, text.indexOf("</UploadId>"));
    String etag = s3.uploadPart(b -> b.bucket("meta").key("mpu").uploadId(id).partNumber(1),
        RequestBody.fromString("part")).eTag();
    s3.completeMultipartUpload(b -> b.bucket("meta").key("mpu").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    for (String method : new String[] {"GET", "HEAD"}) {
      HttpResponse<byte[]> got = RawHttp.send(method, s3Url + "/meta/mpu", null);
      for (int i = 0; i < KEPT.length; i += 2) {
        assertThat(got.headers().allValues(KEPT[i])).as(method + " " + KEPT[i]).containsExactly(wire(KEPT[i + 1]));
      }
    }
  }

  @Test
  void userMetadataOver2KiB_isMetadataTooLarge_andStoresNothing() throws Exception {
    // S3 counts the UTF-8 bytes of names (without x-amz-meta-) and values: 2048 fit, 2049 do not
    s3.putObject(b -> b.bucket("meta").key("fits").metadata(Map.of("k", "v".repeat(2047))),
        RequestBody.fromString("x"));
    assertThat(s3.headObject(b -> b.bucket("meta").key("fits")).metadata().get("k")).hasSize(2047);
    assertS3Error(() -> s3.putObject(b -> b.bucket("meta").key("big").metadata(Map.of("k", "v".repeat(2048))),
        RequestBody.fromString("x")), 400, "MetadataTooLarge");
    assertS3Error(() -> s3.putObject(b -> b.bucket("meta").key("big").metadata(Map.of("a", "\u00e9".repeat(1024))),
        RequestBody.fromString("x")), 400, "MetadataTooLarge");
    assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket("meta").key("big")
        .metadata(Map.of("k", "v".repeat(3000)))), 400, "MetadataTooLarge");
    s3.putObject(b -> b.bucket("meta").key("small"), RequestBody.fromString("x"));
    assertS3Error(() -> s3.copyObject(b -> b.sourceBucket("meta").sourceKey("small").destinationBucket("meta")
        .destinationKey("big").metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("k", "v".repeat(3000)))),
        400, "MetadataTooLarge");
    assertS3Error(() -> s3.headObject(b -> b.bucket("meta").key("big")), 404, null);
    assertThat(s3.listMultipartUploads(b -> b.bucket("meta")).uploads()).noneMatch(u -> u.key().equals("big"));
  }

  @Test
  void storageClassesAndRedirects_thatJaisCannotKeep_areRefused() throws Exception {
    assertS3Error(() -> s3.putObject(b -> b.bucket("meta").key("cold").storageClass(StorageClass.GLACIER),
        RequestBody.fromString("x")), 501, "NotImplemented");
    assertThat(RawHttp.text(send("PUT", "/meta/cold", "x-amz-storage-class", "FROZEN")))
        .contains("<Code>InvalidStorageClass</Code>");
    assertS3Error(() -> s3.putObject(b -> b.bucket("meta").key("cold").websiteRedirectLocation("example.com"),
        RequestBody.fromString("x")), 400, "InvalidRedirectLocation");
    assertS3Error(() -> s3.copyObject(b -> b.sourceBucket("meta").sourceKey("sdk").destinationBucket("meta")
        .destinationKey("cold").storageClass(StorageClass.DEEP_ARCHIVE)), 501, "NotImplemented");
    assertS3Error(() -> s3.headObject(b -> b.bucket("meta").key("cold")), 404, null);
  }

  @Test
  void createBucket_appliesS3NamingRules_theNativeApiKeepsAisRules() throws Exception {
    for (String bad : new String[] {"ab", "a", "foo..bar", "foo.-bar", "foo-", "-foo", "192.168.5.123",
        "a".repeat(64), "xn--abc"}) {
      HttpResponse<byte[]> reply = RawHttp.send("PUT", s3Url + "/" + bad, null);
      assertThat(reply.statusCode()).as(bad).isEqualTo(400);
      assertThat(RawHttp.text(reply)).as(bad).contains("<Code>InvalidBucketName</Code>");
      assertThat(RawHttp.send("HEAD", s3Url + "/" + bad, null).statusCode()).as(bad).isIn(400, 404); // not made
    }
    s3.createBucket(b -> b.bucket("a".repeat(63)));
    s3.createBucket(b -> b.bucket("1.ok-name"));

    // AIS allows two characters, capitals and '_': such buckets stay usable through S3
    for (String name : new String[] {"ab", "Nat_Bucket"}) {
      HttpResponse<byte[]> made = RawHttp.send("POST", cluster.endpoint() + "/v1/buckets/" + name + "?provider=ais",
          RawHttp.json("{\"action\":\"create-bck\"}"));
      assertThat(made.statusCode()).as(name + ": " + RawHttp.text(made)).isEqualTo(200);
      s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString(name));
      assertThat(s3.getObjectAsBytes(b -> b.bucket(name).key("k")).asUtf8String()).isEqualTo(name);
    }
  }

  @Test
  void everyDateSent_isImfFixdate() throws Exception {
    s3.putObject(b -> b.bucket("meta").key("dated"), RequestBody.fromString("x"));
    List<HttpResponse<byte[]>> replies = new ArrayList<>();
    replies.add(RawHttp.send("PUT", s3Url + "/meta/dated", "y".getBytes(StandardCharsets.UTF_8)));
    replies.add(RawHttp.send("GET", s3Url + "/meta/dated", null));
    replies.add(RawHttp.send("HEAD", s3Url + "/meta/dated", null));
    replies.add(RawHttp.send("GET", s3Url + "/meta/missing", null));
    replies.add(RawHttp.send("GET", s3Url + "/meta", null));
    replies.add(RawHttp.send("HEAD", cluster.endpoint() + "/v1/objects/meta/dated?provider=ais&props=last-modified",
        null, "Ais-Head-Version", "2"));
    replies.add(RawHttp.send("GET", cluster.endpoint() + "/v1/daemon?what=smap", null));
    for (HttpResponse<byte[]> reply : replies) {
      String what = reply.request().method() + " " + reply.uri();
      assertThat(reply.headers().allValues("Date")).as(what).singleElement().asString().matches(IMF_FIXDATE);
      reply.headers().allValues("Last-Modified").forEach(v -> assertThat(v).as(what).matches(IMF_FIXDATE));
    }
    assertThat(replies.get(0).headers().firstValue("Last-Modified")).isPresent();
    assertThat(replies.get(1).headers().firstValue("Last-Modified")).isPresent();
    assertThat(replies.get(5).headers().firstValue("Last-Modified")).as("native HEAD v2").isPresent();
  }

  /**
   * One request on its own connection with header values written as the bytes they stand for
   * (Latin-1 chars), as curl, Python and browsers send them; the JDK client would send '?' for
   * every byte beyond ASCII. Returns the whole answer.
   */
  private String rawSend(String method, String path, String body, String... headers) throws Exception {
    java.net.URI uri = java.net.URI.create(s3Url);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      StringBuilder head = new StringBuilder(method + " /s3" + path + " HTTP/1.1\r\nHost: " + uri.getAuthority()
          + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      socket.getOutputStream().write((head + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    return RawHttp.send(method, s3Url + path, "x".getBytes(StandardCharsets.UTF_8), headers);
  }

  private String header(String path, String name) throws Exception {
    return RawHttp.send("HEAD", s3Url + path, null).headers().firstValue(name).orElse(null);
  }

  /** Header values as raw UTF-8 bytes, which the JDK client sends and reads as Latin-1 chars. */
  private static String[] wire(String... namesAndValues) {
    String[] out = namesAndValues.clone();
    for (int i = 1; i < out.length; i += 2) {
      out[i] = wire(out[i]);
    }
    return out;
  }

  private static String wire(String value) {
    return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
