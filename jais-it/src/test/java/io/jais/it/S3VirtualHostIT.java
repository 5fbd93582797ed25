package io.jais.it;

import static io.jais.it.S3SdkIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.node.s3.S3Options;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Virtual-hosted-style addressing ({@code <bucket>.s3.localhost}, the default domains) with keys
 * on, so every request's Signature V4 is verified over the Host and path the client sent. The AWS
 * SDK for Java v2 and boto3 run unmodified; {@code *.localhost} resolves to loopback through {@link
 * LocalhostSubdomains} (the JVM) and a resolver hook (Python), as it does on systemd-resolved or macOS.
 */
class S3VirtualHostIT {
  private static final String ACCESS = "AKIAVHOST";
  private static final String SECRET = "vhost-secret";

  @TempDir
  static Path dir;
  private static LocalCluster cluster;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty(S3Options.KEYS_PROPERTY, ACCESS + ":" + SECRET);
    try {
      cluster = LocalCluster.start(dir, 1, 3, 0, 1);
      cluster.awaitStable(Duration.ofSeconds(30));
    } finally {
      System.clearProperty(S3Options.KEYS_PROPERTY); // nodes read it at start; other tests must not see it
    }
    port = URI.create(cluster.endpoint()).getPort();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void sdk_atTheRootEndpoint_addressesBucketsByHost() throws Exception {
    Set<String> hosts = ConcurrentHashMap.newKeySet();
    S3Client s3 = virtual("http://s3.localhost:" + port, SECRET, hosts);
    s3.createBucket(b -> b.bucket("vhost-root"));
    assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo("vhost-root"));
    s3.headBucket(b -> b.bucket("vhost-root"));

    byte[] data = TestBytes.random(31, 200_000);
    String etag = s3.putObject(b -> b.bucket("vhost-root").key("dir/a b+c.bin").contentType("image/png")
        .metadata(Map.of("origin", "vhost")), RequestBody.fromBytes(data)).eTag();
    assertThat(etag).isEqualTo(S3Clients.quoted(S3Clients.md5(data)));
    var got = s3.getObjectAsBytes(b -> b.bucket("vhost-root").key("dir/a b+c.bin"));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().metadata()).containsEntry("origin", "vhost");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("vhost-root").key("dir/a b+c.bin").range("bytes=0-9"))
        .asByteArray()).hasSize(10);
    s3.putObject(b -> b.bucket("vhost-root").key("top"), RequestBody.fromString("top"));
    var listed = s3.listObjectsV2(b -> b.bucket("vhost-root").delimiter("/"));
    assertThat(listed.contents()).extracting(S3Object::key).containsExactly("top");
    assertThat(listed.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/");

    s3.copyObject(b -> b.sourceBucket("vhost-root").sourceKey("top").destinationBucket("vhost-root")
        .destinationKey("copy"));
    String id = s3.createMultipartUpload(b -> b.bucket("vhost-root").key("multi")).uploadId();
    String part = s3.uploadPart(b -> b.bucket("vhost-root").key("multi").uploadId(id).partNumber(1),
        RequestBody.fromBytes(data)).eTag();
    s3.completeMultipartUpload(b -> b.bucket("vhost-root").key("multi").uploadId(id)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part).build())));

    // the same objects through path-style: one bucket, two addressing styles
    S3Client pathStyle = S3Clients.of(cluster.endpoint(), ACCESS, SECRET);
    assertThat(pathStyle.headObject(b -> b.bucket("vhost-root").key("dir/a b+c.bin")).eTag()).isEqualTo(etag);
    assertThat(pathStyle.listObjectsV2(b -> b.bucket("vhost-root")).contents()).extracting(S3Object::key)
        .containsExactly("copy", "dir/a b+c.bin", "multi", "top");

    var deleted = s3.deleteObjects(b -> b.bucket("vhost-root").delete(d -> d.objects(
        List.of("copy", "dir/a b+c.bin", "multi", "top").stream().map(k -> ObjectIdentifier.builder().key(k).build())
            .toList())));
    assertThat(deleted.deleted()).hasSize(4);
    s3.deleteBucket(b -> b.bucket("vhost-root"));
    assertThat(hosts).contains("vhost-root.s3.localhost", "s3.localhost");
    assertThat(cluster.primary().state().bmd().contains(io.jais.api.bucket.Bucket.ais("vhost-root"))).isFalse();
  }

  @Test
  void sdk_underTheLocalhostDomain_keysStartingWithS3_andPresignedUrls() throws Exception {
    Set<String> hosts = ConcurrentHashMap.newKeySet();
    S3Client s3 = virtual("http://localhost:" + port, SECRET, hosts);
    s3.createBucket(b -> b.bucket("vhost-path"));
    s3.putObject(b -> b.bucket("vhost-path").key("s3/k"), RequestBody.fromString("under s3/"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("vhost-path").key("s3/k")).asUtf8String()).isEqualTo("under s3/");
    assertThat(s3.listObjectsV2(b -> b.bucket("vhost-path")).contents()).extracting(S3Object::key)
        .containsExactly("s3/k");
    assertThat(hosts).contains("vhost-path.localhost");

    try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create("http://s3.localhost:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(false).build()).build()) {
      URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("vhost-path").key("s3/k"))).url().toURI();
      assertThat(url.getHost()).isEqualTo("vhost-path.s3.localhost");
      assertThat(RawHttp.text(RawHttp.send("GET", url.toString(), null))).isEqualTo("under s3/");
    }
  }

  @Test
  void wrongSignature_onAVirtualHost_isRejected_andChangesNothing() {
    S3Client s3 = virtual("http://s3.localhost:" + port, SECRET, ConcurrentHashMap.newKeySet());
    s3.createBucket(b -> b.bucket("vhost-auth"));
    s3.putObject(b -> b.bucket("vhost-auth").key("k"), RequestBody.fromString("kept"));
    S3Client wrong = virtual("http://s3.localhost:" + port, "wrong-secret", ConcurrentHashMap.newKeySet());
    assertS3Error(() -> wrong.putObject(b -> b.bucket("vhost-auth").key("k"), RequestBody.fromString("x")), 403,
        "SignatureDoesNotMatch");
    assertS3Error(() -> wrong.deleteObject(b -> b.bucket("vhost-auth").key("k")), 403, "SignatureDoesNotMatch");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("vhost-auth").key("k")).asUtf8String()).isEqualTo("kept");
  }

  @Test
  void onlyConfiguredDomains_andNeverIpAddresses_areVirtualHosts() throws Exception {
    // unsigned, so answered before anything is served: S3's AccessDenied shows the request reached S3
    assertThat(rawGet("vb.s3.localhost:" + port, "/key")).startsWith("HTTP/1.1 403").contains("AccessDenied");
    assertThat(rawGet("127.0.0.1:" + port, "/key")).startsWith("HTTP/1.1 404").doesNotContain("AccessDenied");
    assertThat(rawGet("vb.example.com:" + port, "/key")).startsWith("HTTP/1.1 404").doesNotContain("AccessDenied");
  }

  @Test
  void boto3_withVirtualAddressing() throws Exception {
    boolean boto3 = new ProcessBuilder("python3", "-c", "import boto3").start().waitFor() == 0;
    if (!boto3) {
      System.out.println("SKIP: boto3 is not installed here");
    }
    Assumptions.assumeTrue(boto3, "SKIP: boto3 not available");
    Path script = Files.writeString(dir.resolve("vhost.py"), String.join("\n",
        "import socket, boto3",
        "from botocore.config import Config",
        "real = socket.getaddrinfo",
        "def resolve(host, *args, **kwargs):  # *.localhost is loopback (RFC 6761); glibc here does not know",
        "    return real('127.0.0.1' if str(host).endswith('.localhost') else host, *args, **kwargs)",
        "socket.getaddrinfo = resolve",
        "hosts = []",
        "s3 = boto3.client('s3', endpoint_url='http://s3.localhost:" + port + "', region_name='us-east-1',",
        "                  aws_access_key_id='" + ACCESS + "', aws_secret_access_key='" + SECRET + "',",
        "                  config=Config(s3={'addressing_style': 'virtual'}))",
        "s3.meta.events.register('before-send', lambda request, **kw: hosts.append(request.url.split('/')[2]))",
        "s3.create_bucket(Bucket='vhost-boto')",
        "s3.put_object(Bucket='vhost-boto', Key='a/b.txt', Body=b'boto virtual')",
        "assert s3.get_object(Bucket='vhost-boto', Key='a/b.txt')['Body'].read() == b'boto virtual'",
        "assert [o['Key'] for o in s3.list_objects_v2(Bucket='vhost-boto')['Contents']] == ['a/b.txt']",
        "url = s3.generate_presigned_url('get_object', Params={'Bucket': 'vhost-boto', 'Key': 'a/b.txt'})",
        "assert url.startswith('http://vhost-boto.s3.localhost:'), url",
        "import urllib.request",
        "assert urllib.request.urlopen(url).read() == b'boto virtual'",
        "s3.delete_object(Bucket='vhost-boto', Key='a/b.txt')",
        "s3.delete_bucket(Bucket='vhost-boto')",
        "assert 'vhost-boto.s3.localhost:" + port + "' in hosts, hosts",
        "print('VHOST OK')", ""));
    ProcessBuilder builder = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true);
    builder.environment().remove("AWS_CA_BUNDLE");
    builder.environment().remove("AWS_PROFILE");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("VHOST OK");
  }

  private static S3Client virtual(String endpoint, String secret, Set<String> hosts) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(false)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            hosts.add(context.httpRequest().host());
          }
        }))
        .build();
  }

  /** A GET with this Host header, on a raw socket (HTTP clients do not let a caller set Host). */
  private static String rawGet(String host, String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
