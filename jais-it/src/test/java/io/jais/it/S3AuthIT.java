package io.jais.it;

import static io.jais.it.S3SdkIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.Header;
import io.jais.api.bucket.Bucket;
import io.jais.node.launch.LocalCluster;
import io.jais.node.s3.S3Options;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * unknown key, unsigned, tampered, expired) each answered with the S3 error and no change. Hops
 * inside the cluster (the second proxy forwarding to the primary, proxies relaying to targets) prove
 * themselves with a token no client can make: a forged caller header, or a request sent straight to
 * a target, is refused.
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
      cluster = LocalCluster.start(dir, 2, 3, 0, 1);
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

    // the ops that make their own requests to targets: copy, batch delete, upload listing
    s3.copyObject(b -> b.sourceBucket("auth").sourceKey("signed").destinationBucket("auth").destinationKey("copy"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("auth").key("copy")).asByteArray()).isEqualTo(data);
    String pending = s3.createMultipartUpload(b -> b.bucket("auth").key("pending")).uploadId();
    assertThat(s3.listMultipartUploads(b -> b.bucket("auth")).uploads()).extracting(u -> u.uploadId())
        .containsExactly(pending);
    s3.abortMultipartUpload(b -> b.bucket("auth").key("pending").uploadId(pending));
    var deleted = s3.deleteObjects(b -> b.bucket("auth").delete(d -> d.objects(
        software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key("copy").build(),
        software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key("multi").build())));
    assertThat(deleted.errors()).isEmpty();
    assertS3Error(() -> s3.headObject(b -> b.bucket("auth").key("copy")), 404, null);
  }

  @Test
  void bucketChanges_throughTheNonPrimaryProxy_areForwardedAndVerified() {
    S3Client second = S3Clients.of(cluster.proxies().get(1).url(), ACCESS, SECRET);
    second.createBucket(b -> b.bucket("via-second"));
    assertThat(cluster.primary().state().bmd().contains(Bucket.ais("via-second"))).isTrue();
    assertS3Error(() -> second.createBucket(b -> b.bucket("via-second")), 409, "BucketAlreadyOwnedByYou");
    second.putObject(b -> b.bucket("via-second").key("k"), RequestBody.fromString("v"));
    assertS3Error(() -> second.deleteBucket(b -> b.bucket("via-second")), 409, "BucketNotEmpty");
    second.deleteObject(b -> b.bucket("via-second").key("k"));
    second.deleteBucket(b -> b.bucket("via-second"));
    assertThat(cluster.primary().state().bmd().contains(Bucket.ais("via-second"))).isFalse();

    S3Client wrongSecret = S3Clients.of(cluster.proxies().get(1).url(), ACCESS, "not-the-secret");
    assertS3Error(() -> wrongSecret.createBucket(b -> b.bucket("never-made")), 403, "SignatureDoesNotMatch");
    assertThat(cluster.primary().state().bmd().contains(Bucket.ais("never-made"))).isFalse();
  }

  @Test
  void forgedCallerHeader_isNotTrusted_andChangesNothing() throws Exception {
    s3.putObject(b -> b.bucket("auth").key("guarded"), RequestBody.fromString("guarded"));
    String proxyId = cluster.proxies().get(1).snode().id();
    String primary = cluster.endpoint() + "/s3";

    HttpResponse<byte[]> create = RawHttp.send("PUT", primary + "/forged", null, Header.CALLER_ID, proxyId);
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(RawHttp.text(create)).contains("<Code>AccessDenied</Code>");
    assertThat(cluster.primary().state().bmd().contains(Bucket.ais("forged"))).isFalse();

    String[] forged = forgedSignature(proxyId);
    // forged intra-cluster credentials are refused before the client's signature is even looked at
    HttpResponse<byte[]> destroy = RawHttp.send("DELETE", primary + "/auth", null, forged);
    assertThat(destroy.statusCode()).isEqualTo(403);
    assertThat(RawHttp.text(destroy)).contains("<Code>AccessDenied</Code>");
    HttpResponse<byte[]> overwrite = RawHttp.send("PUT", primary + "/auth/guarded",
        "forged".getBytes(StandardCharsets.UTF_8), forged);
    assertThat(RawHttp.text(overwrite)).contains("<Code>AccessDenied</Code>");
    // and without them, a signature that does not match is what it is
    HttpResponse<byte[]> badSignature = RawHttp.send("DELETE", primary + "/auth", null,
        java.util.Arrays.copyOfRange(forged, 4, forged.length));
    assertThat(RawHttp.text(badSignature)).contains("<Code>SignatureDoesNotMatch</Code>");

    assertThat(cluster.primary().state().bmd().contains(Bucket.ais("auth"))).isTrue();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("auth").key("guarded")).asUtf8String()).isEqualTo("guarded");
  }

  @Test
  void requestsStraightToATarget_withoutAProxysToken_areRefused() throws Exception {
    s3.putObject(b -> b.bucket("auth").key("direct"), RequestBody.fromString("original"));
    String proxyId = cluster.primary().snode().id();
    String future = Long.toString(System.currentTimeMillis() + 60_000);
    for (var target : cluster.targets()) {
      String url = target.url() + "/s3/auth/direct";
      String marked = url + "?pid=" + proxyId + "&utm=1";
      assertRefused(RawHttp.send("GET", url, null));
      assertRefused(RawHttp.send("GET", marked, null, Header.CALLER_ID, proxyId));
      assertRefused(RawHttp.send("HEAD", marked, null));
      assertRefused(RawHttp.send("PUT", marked, "forged".getBytes(StandardCharsets.UTF_8), Header.CALLER_ID, proxyId));
      assertRefused(RawHttp.send("PUT", marked, "forged".getBytes(StandardCharsets.UTF_8), forgedSignature(proxyId)));
      assertRefused(RawHttp.send("DELETE", marked + "&jais-sig=" + future + "." + "0".repeat(43), null));
      assertRefused(RawHttp.send("POST", url + "?uploads", null, "Jais-Intra-Auth", "v1:" + proxyId + ":" + future + ":AA"));
      assertRefused(RawHttp.send("GET", target.url() + "/s3/auth?uploads", null, Header.CALLER_ID, proxyId));
    }
    assertThat(s3.getObjectAsBytes(b -> b.bucket("auth").key("direct")).asUtf8String()).isEqualTo("original");
    assertThat(s3.listMultipartUploads(b -> b.bucket("auth")).uploads()).isEmpty();
  }

  private static void assertRefused(HttpResponse<byte[]> reply) {
    assertThat(reply.statusCode()).as(reply.request().method() + " " + reply.uri()).isEqualTo(403);
    assertThat(reply.headers().firstValue("x-amz-error-code")).hasValue("AccessDenied");
  }

  /** A node's caller header, made-up intra-cluster credentials, and a well-formed Signature V4 that does not match. */
  private static String[] forgedSignature(String callerId) {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
    String amzDate = now.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    return new String[] {Header.CALLER_ID, callerId,
        "Jais-Intra-Auth", "v1:" + callerId + ":" + System.currentTimeMillis() + ":" + "A".repeat(43),
        "x-amz-date", amzDate, "x-amz-content-sha256", "UNSIGNED-PAYLOAD",
        "Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS + "/" + amzDate.substring(0, 8)
            + "/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64)};
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


  // s3cmd takes the /s3 path into its host setting and signs Host "HOST/s3" with the path after it
  @Test
  void s3cmd_withKeys_signsAPathPrefixedHost_andAWrongSecretIsRefused() throws Exception {
    Assumptions.assumeTrue(installed("s3cmd"), "SKIP: s3cmd is not installed");
    String host = cluster.endpoint().replace("http://", "") + "/s3";
    java.util.function.Function<String, String> config = secret -> "[default]\naccess_key = " + ACCESS
        + "\nsecret_key = " + secret + "\nhost_base = " + host + "\nhost_bucket = " + host
        + "\nuse_https = False\nsignature_v2 = False\n";
    Files.writeString(dir.resolve("s3cfg"), config.apply(SECRET));
    Files.writeString(dir.resolve("s3cfg-wrong"), config.apply("wrong"));
    String script = String.join("\n",
        "set -euo pipefail",
        "cd \"$TMPDIR_\"",
        "echo s3cmd-auth > s3cmd.txt",
        "s3cmd -c s3cfg mb s3://s3cmd-auth",
        "s3cmd -c s3cfg put s3cmd.txt s3://s3cmd-auth/dir/s3cmd.txt",
        "s3cmd -c s3cfg ls -r s3://s3cmd-auth | grep dir/s3cmd.txt",
        "s3cmd -c s3cfg get --force s3://s3cmd-auth/dir/s3cmd.txt back.txt && cmp s3cmd.txt back.txt",
        "if s3cmd -c s3cfg-wrong ls s3://s3cmd-auth 2>&1; then echo 'a wrong secret was accepted'; exit 1; fi",
        "s3cmd -c s3cfg del s3://s3cmd-auth/dir/s3cmd.txt",
        "s3cmd -c s3cfg rb s3://s3cmd-auth",
        "echo S3CMD OK");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    builder.environment().put("TMPDIR_", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("S3CMD OK").contains("SignatureDoesNotMatch");
  }

  private static boolean installed(String tool) throws InterruptedException {
    try {
      return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      System.out.println("SKIP: " + tool + " is not installed here: " + e.getMessage());
      return false;
    }
  }
}
