package io.jais.it;

import static io.jais.it.S3SdkIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.node.s3.S3Options;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * With S3 keys configured every request must carry a valid Signature V4: header-signed requests
 * (plain and aws-chunked bodies, multipart), presigned URLs, and their failures (wrong secret,
 * unknown key, unsigned, tampered, expired) each answered with the S3 error and no change.
 */
class S3AuthIT {
  private static final String ACCESS = "AKIAJAISTEST";
  private static final String SECRET = "jais/secret+key";

  @TempDir
  static Path dir;
  private static LocalCluster cluster;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty(S3Options.KEYS_PROPERTY, ACCESS + ":" + SECRET);
    try {
      cluster = LocalCluster.start(dir, 1, 3, 0, 1);
      cluster.awaitStable(Duration.ofSeconds(30));
    } finally {
      System.clearProperty(S3Options.KEYS_PROPERTY); // nodes read it at start; other tests must not see it
    }
    s3 = S3Clients.of(cluster.endpoint(), ACCESS, SECRET);
    s3.createBucket(b -> b.bucket("auth"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void signedRequests_withTheConfiguredKey_work() throws Exception {
    byte[] data = TestBytes.random(5, 3 * TestBytes.MIB);
    s3.putObject(b -> b.bucket("auth").key("signed"), RequestBody.fromBytes(data));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("auth").key("signed")).asByteArray()).isEqualTo(data);
    assertThat(s3.listObjectsV2(b -> b.bucket("auth").prefix("sig")).contents()).hasSize(1);

    String id = s3.createMultipartUpload(b -> b.bucket("auth").key("multi")).uploadId();
    String etag = s3.uploadPart(b -> b.bucket("auth").key("multi").uploadId(id).partNumber(1),
        RequestBody.fromBytes(data)).eTag();
    s3.completeMultipartUpload(b -> b.bucket("auth").key("multi").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(s3.headObject(b -> b.bucket("auth").key("multi")).contentLength()).isEqualTo(data.length);
  }

  @Test
  void badSignatures_areRejected_andChangeNothing() throws Exception {
    s3.putObject(b -> b.bucket("auth").key("keep"), RequestBody.fromString("kept"));
    S3Client wrongSecret = S3Clients.of(cluster.endpoint(), ACCESS, "not-the-secret");
    assertS3Error(() -> wrongSecret.putObject(b -> b.bucket("auth").key("keep"), RequestBody.fromString("x")), 403,
        "SignatureDoesNotMatch");
    assertS3Error(() -> wrongSecret.listObjectsV2(b -> b.bucket("auth")), 403, "SignatureDoesNotMatch");
    S3Client unknownKey = S3Clients.of(cluster.endpoint(), "AKIAUNKNOWN", SECRET);
    assertS3Error(() -> unknownKey.getObject(b -> b.bucket("auth").key("keep")), 403, "InvalidAccessKeyId");

    HttpResponse<byte[]> unsigned = RawHttp.send("PUT", cluster.endpoint() + "/s3/auth/keep",
        "x".getBytes(StandardCharsets.UTF_8));
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(RawHttp.text(unsigned)).contains("<Code>AccessDenied</Code>");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("auth").key("keep")).asUtf8String()).isEqualTo("kept");
  }

  @Test
  void presignedGet_works_untilTamperedOrExpired() throws Exception {
    s3.putObject(b -> b.bucket("auth").key("shared file"), RequestBody.fromString("presigned"));
    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(cluster.endpoint() + "/s3"))
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS, SECRET)))
        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
            .pathStyleAccessEnabled(true).build())
        .build()) {
      String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("auth").key("shared file"))).url().toString();
      HttpResponse<byte[]> ok = RawHttp.send("GET", url, null);
      assertThat(RawHttp.text(ok)).isEqualTo("presigned");

      int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
      char flipped = url.charAt(at) == '0' ? '1' : '0'; // always a different signature
      String tampered = url.substring(0, at) + flipped + url.substring(at + 1);
      assertThat(RawHttp.text(RawHttp.send("GET", tampered, null))).contains("<Code>SignatureDoesNotMatch</Code>");
      String otherKey = url.replace("shared%20file", "signed");
      assertThat(RawHttp.send("GET", otherKey, null).statusCode()).isEqualTo(403);

      String expiring = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
          .getObjectRequest(g -> g.bucket("auth").key("shared file"))).url().toString();
      Thread.sleep(2100);
      assertThat(RawHttp.text(RawHttp.send("GET", expiring, null))).contains("<Code>AccessDenied</Code>")
          .contains("expired");
    }
  }

  @Test
  void awsCliAndBoto3_withKeys_uploadAndPresign() throws Exception {
    Assumptions.assumeTrue(new ProcessBuilder("aws", "--version").start().waitFor() == 0, "SKIP: aws CLI missing");
    String endpoint = cluster.endpoint() + "/s3";
    String script = String.join("\n",
        "set -euo pipefail",
        "echo hello-auth > \"$TMPDIR_/f.txt\"",
        "aws --endpoint-url " + endpoint + " s3 cp --no-progress \"$TMPDIR_/f.txt\" s3://auth/cli.txt",
        "url=$(aws --endpoint-url " + endpoint + " s3 presign s3://auth/cli.txt)",
        "curl -sf \"$url\" | grep hello-auth >/dev/null",
        "python3 - <<'PY'",
        "import boto3, urllib.request",
        "s3 = boto3.client('s3', endpoint_url='" + endpoint + "', region_name='us-east-1')",
        "s3.put_object(Bucket='auth', Key='boto.txt', Body=b'boto-auth')",
        "url = s3.generate_presigned_url('get_object', Params={'Bucket': 'auth', 'Key': 'boto.txt'})",
        "assert urllib.request.urlopen(url).read() == b'boto-auth'",
        "bad = boto3.client('s3', endpoint_url='" + endpoint + "', region_name='us-east-1',",
        "                   aws_secret_access_key='wrong', aws_access_key_id='" + ACCESS + "')",
        "try:",
        "    bad.put_object(Bucket='auth', Key='boto.txt', Body=b'x')",
        "    raise SystemExit('a wrong secret was accepted')",
        "except bad.exceptions.ClientError as e:",
        "    assert e.response['Error']['Code'] == 'SignatureDoesNotMatch', e",
        "PY",
        "echo AUTH OK");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    builder.environment().putAll(java.util.Map.of("AWS_ACCESS_KEY_ID", ACCESS, "AWS_SECRET_ACCESS_KEY", SECRET,
        "AWS_DEFAULT_REGION", "us-east-1", "TMPDIR_", dir.toString()));
    builder.environment().remove("AWS_CA_BUNDLE");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("AUTH OK");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("auth").key("boto.txt")).asUtf8String()).isEqualTo("boto-auth");
  }

}
