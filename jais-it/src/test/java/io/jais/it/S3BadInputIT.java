package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the wire, below any SDK's own validation: each answer is the S3 XML error with the
 * right code and status, and nothing is changed.
 */
@JaisCluster(proxies = 1, targets = 3)
class S3BadInputIT {
  private final String s3;

  S3BadInputIT(LocalCluster cluster) throws Exception {
    this.s3 = cluster.endpoint() + "/s3";
    RawHttp.send("PUT", s3 + "/bad-input", null);
    RawHttp.send("PUT", s3 + "/bad-input/keep", "kept".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void errors_areS3Xml_withCodeResourceAndRequestId() throws Exception {
    HttpResponse<byte[]> missing = RawHttp.send("GET", s3 + "/bad-input/nope", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(RawHttp.text(missing)).contains("<Code>NoSuchKey</Code>").contains("<Resource>/s3/bad-input/nope</Resource>")
        .contains("<RequestId>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/no-bucket", null))).contains("<Code>NoSuchBucket</Code>");
    HttpResponse<byte[]> badName = RawHttp.send("PUT", s3 + "/Bad_Name!", null);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(RawHttp.text(badName)).contains("<Code>InvalidBucketName</Code>");
  }

  @Test
  void malformedXml_inDeleteObjectsAndCreateBucket_isMalformedXml() throws Exception {
    for (String body : new String[] {"<Delete><Object><Key>keep</Key>", "not xml", "<Other/>", "<Delete></Delete>",
        "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>"}) {
      HttpResponse<byte[]> reply = RawHttp.send("POST", s3 + "/bad-input?delete", body.getBytes(StandardCharsets.UTF_8));
      assertThat(reply.statusCode()).as(body).isEqualTo(400);
      assertThat(RawHttp.text(reply)).as(body).contains("<Code>MalformedXML</Code>");
    }
    HttpResponse<byte[]> create = RawHttp.send("PUT", s3 + "/bad-xml-bucket", "<Create".getBytes(StandardCharsets.UTF_8));
    assertThat(RawHttp.text(create)).contains("<Code>MalformedXML</Code>");
    assertThat(RawHttp.send("HEAD", s3 + "/bad-xml-bucket", null).statusCode()).isEqualTo(404);
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
  }

  // served as the plain request, these overwrote the object with the XML body or deleted the bucket
  @Test
  void unsupportedSubresourcesAndConditionalWrites_areNotImplemented_andChangeNothing() throws Exception {
    RawHttp.send("PUT", s3 + "/sub-empty", null);
    byte[] xml = "<Tagging><TagSet/></Tagging>".getBytes(StandardCharsets.UTF_8);
    String[][] requests = {
      {"PUT", "/bad-input/keep?tagging"}, {"PUT", "/bad-input/keep?acl"}, {"GET", "/bad-input/keep?tagging"},
      {"GET", "/bad-input/keep?acl"}, {"DELETE", "/bad-input/keep?tagging"}, {"POST", "/bad-input/keep?restore"},
      {"PUT", "/bad-input?versioning"}, {"PUT", "/bad-input?tagging"}, {"PUT", "/bad-input?acl"},
      {"GET", "/bad-input?publicAccessBlock"}, {"GET", "/bad-input?requestPayment"},
      {"DELETE", "/sub-empty?policy"}, {"DELETE", "/sub-empty?tagging"}, {"DELETE", "/sub-empty?cors"},
      {"DELETE", "/sub-empty?lifecycle"}};
    for (String[] request : requests) {
      HttpResponse<byte[]> reply = RawHttp.send(request[0], s3 + request[1], request[0].equals("GET") ? null : xml);
      assertThat(reply.statusCode()).as(request[0] + " " + request[1]).isEqualTo(501);
      assertThat(RawHttp.text(reply)).as(request[0] + " " + request[1]).contains("<Code>NotImplemented</Code>");
    }
    HttpResponse<byte[]> part = RawHttp.send("GET", s3 + "/bad-input/keep?partNumber=2", null); // one part only
    assertThat(part.statusCode()).isEqualTo(416);
    assertThat(RawHttp.text(part)).contains("<Code>InvalidPartNumber</Code>");
    HttpResponse<byte[]> conditional = RawHttp.send("PUT", s3 + "/bad-input/keep", xml, "If-None-Match", "*");
    assertThat(RawHttp.text(conditional)).contains("<Code>NotImplemented</Code>");
    for (String method : new String[] {"GET", "DELETE"}) {
      HttpResponse<byte[]> version = RawHttp.send(method, s3 + "/bad-input/keep?versionId=v1", null);
      assertThat(version.statusCode()).isEqualTo(400);
      assertThat(RawHttp.text(version)).contains("<Code>InvalidArgument</Code>");
    }
    HttpResponse<byte[]> copy = RawHttp.send("PUT", s3 + "/bad-input/copy", null, "x-amz-copy-source",
        "bad-input/keep?versionId=v1");
    assertThat(RawHttp.text(copy)).contains("<Code>InvalidArgument</Code>");
    assertThat(RawHttp.send("HEAD", s3 + "/bad-input/copy", null).statusCode()).isEqualTo(404);
    assertThat(RawHttp.send("HEAD", s3 + "/sub-empty", null).statusCode()).isEqualTo(200);
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep?versionId=null&partNumber=1", null)))
        .isEqualTo("kept");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input?versioning", null)))
        .doesNotContain("<Status>");
  }

  @Test
  void listing_withMaxKeysZero_isAnEmptyUntruncatedPage() throws Exception {
    for (String query : new String[] {"?list-type=2&max-keys=0", "?max-keys=0", "?list-type=2&max-keys=0&delimiter=/"}) {
      HttpResponse<byte[]> reply = RawHttp.send("GET", s3 + "/bad-input" + query, null);
      assertThat(reply.statusCode()).as(query).isEqualTo(200);
      assertThat(RawHttp.text(reply)).as(query).contains("<MaxKeys>0</MaxKeys>")
          .contains("<IsTruncated>false</IsTruncated>").doesNotContain("<Contents>");
    }
  }

  @Test
  void deleteObjects_withWrongContentMd5_isBadDigestAndDeletesNothing() throws Exception {
    byte[] body = "<Delete><Object><Key>keep</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> reply = RawHttp.send("POST", s3 + "/bad-input?delete", body, "Content-MD5",
        "AAAAAAAAAAAAAAAAAAAAAA==");
    assertThat(RawHttp.text(reply)).contains("<Code>BadDigest</Code>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
  }

  @Test
  void truncatedBody_isRejected_andTheObjectKeepsItsContent() throws Exception {
    URI uri = URI.create(s3);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /s3/bad-input/keep HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "short")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      in.readAllBytes(); // whatever the answer, the connection ends
    } catch (IOException expected) {
      // the server may reset the connection: also fine
    }
    Thread.sleep(200);
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input?list-type=2", null))).doesNotContain("<Key>short");
  }

  @Test
  void invalidArguments_areInvalidArgument_andChangeNothing() throws Exception {
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input?list-type=2&max-keys=-1", null)))
        .contains("<Code>InvalidArgument</Code>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input?encoding-type=base64", null)))
        .contains("<Code>InvalidArgument</Code>");
    assertThat(RawHttp.text(RawHttp.send("PUT", s3 + "/bad-input/keep?partNumber=0&uploadId=x", new byte[1])))
        .contains("<Code>InvalidArgument</Code>");
    for (String part : new String[] {"-1", "10001", "abc", "", "99999999999"}) {
      HttpResponse<byte[]> reply = RawHttp.send("PUT", s3 + "/bad-input/keep?partNumber=" + part + "&uploadId=x",
          new byte[1]);
      assertThat(reply.statusCode()).as(part).isEqualTo(400);
      assertThat(RawHttp.text(reply)).as(part).contains("<Code>InvalidArgument</Code>");
    }
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
  }

  @Test
  void oversizedHeaders_areRequestHeaderSectionTooLarge_andChangeNothing() throws Exception {
    HttpResponse<byte[]> reply = RawHttp.send("DELETE", s3 + "/bad-input/keep", null, "x-amz-meta-big",
        "v".repeat(70_000));
    assertThat(reply.statusCode()).isIn(400, 431);
    assertThat(RawHttp.text(reply)).contains("<Code>RequestHeaderSectionTooLarge</Code>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
  }

  @Test
  void awsChunkedTrailer_isChecked_andAMismatchStoresNothing() throws Exception {
    byte[] payload = "hello world".getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(payload);
    String good = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());

    HttpResponse<byte[]> wrong = putChunked("keep", "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", 11);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(RawHttp.text(wrong)).contains("<Code>BadDigest</Code>");
    HttpResponse<byte[]> fresh = putChunked("fresh", "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", 11);
    assertThat(RawHttp.text(fresh)).contains("<Code>BadDigest</Code>");
    assertThat(RawHttp.text(putChunked("fresh", "b\r\nhello world\r\n0\r\n\r\n", 11))).contains("<Code>InvalidRequest</Code>");
    assertThat(RawHttp.text(putChunked("fresh", "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:" + good + "\r\n\r\n", 100)))
        .contains("<Code>IncompleteBody</Code>");
    assertThat(RawHttp.text(putChunked("fresh", "b\r\nhello", 11))).contains("<Code>IncompleteBody</Code>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/fresh", null))).contains("<Code>NoSuchKey</Code>");

    HttpResponse<byte[]> right = putChunked("fresh", "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:" + good + "\r\n\r\n", 11);
    assertThat(right.statusCode()).as(RawHttp.text(right)).isEqualTo(200);
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/fresh", null))).isEqualTo("hello world");
  }

  @Test
  void checksumHeader_onAPlainPut_isChecked() throws Exception {
    HttpResponse<byte[]> wrong = RawHttp.send("PUT", s3 + "/bad-input/keep", "other".getBytes(StandardCharsets.UTF_8),
        "x-amz-checksum-sha256", Base64.getEncoder().encodeToString(new byte[32]));
    assertThat(RawHttp.text(wrong)).contains("<Code>BadDigest</Code>");
    HttpResponse<byte[]> two = RawHttp.send("PUT", s3 + "/bad-input/keep", "other".getBytes(StandardCharsets.UTF_8),
        "x-amz-checksum-crc32", "AAAAAA==", "x-amz-checksum-crc32c", "AAAAAA==");
    assertThat(RawHttp.text(two)).contains("<Code>InvalidRequest</Code>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/keep", null))).isEqualTo("kept");
  }

  @Test
  void completeMultipart_withMalformedXml_isMalformedXml_andTheUploadStays() throws Exception {
    String created = RawHttp.text(RawHttp.send("POST", s3 + "/bad-input/mpu?uploads", null));
    String id = created.substring(created.indexOf("<UploadId>") + 10, created.indexOf("</UploadId>"));
    RawHttp.send("PUT", s3 + "/bad-input/mpu?partNumber=1&uploadId=" + id, "part".getBytes(StandardCharsets.UTF_8));
    for (String body : new String[] {"<CompleteMultipartUpload><Part>", "<CompleteMultipartUpload/>",
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>"}) {
      HttpResponse<byte[]> reply = RawHttp.send("POST", s3 + "/bad-input/mpu?uploadId=" + id,
          body.getBytes(StandardCharsets.UTF_8));
      assertThat(reply.statusCode()).as(body).isEqualTo(400);
      assertThat(RawHttp.text(reply)).as(body).contains("<Code>MalformedXML</Code>");
    }
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/mpu?uploadId=" + id, null)))
        .contains("<PartNumber>1</PartNumber>");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/bad-input/mpu", null))).contains("<Code>NoSuchKey</Code>");
    RawHttp.send("DELETE", s3 + "/bad-input/mpu?uploadId=" + id, null);
  }

  private HttpResponse<byte[]> putChunked(String key, String framed, long decodedLength) throws Exception {
    return RawHttp.send("PUT", s3 + "/bad-input/" + key, framed.getBytes(StandardCharsets.US_ASCII),
        "Content-Encoding", "aws-chunked", "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "x-amz-decoded-content-length", Long.toString(decodedLength), "x-amz-trailer", "x-amz-checksum-crc32");
  }
}
