package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.node.s3.S3Options;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The two S3 settings besides keys: S3 at the root path (an endpoint without {@code /s3}) and
 * redirect mode (a 307 to the owning target instead of relaying, for clients that follow it).
 */
class S3RootAndRedirectIT {
  @TempDir
  static Path dir;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty(S3Options.ROOT_PROPERTY, "true");
    System.setProperty(S3Options.REDIRECT_PROPERTY, "true");
    try {
      cluster = LocalCluster.start(dir, 1, 3, 0, 1);
      cluster.awaitStable(Duration.ofSeconds(30));
    } finally {
      System.clearProperty(S3Options.ROOT_PROPERTY); // nodes read them at start; other tests must not see them
      System.clearProperty(S3Options.REDIRECT_PROPERTY);
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void rootPath_servesS3_besideTheNativeApi() throws Exception {
    S3Client atRoot = software.amazon.awssdk.services.s3.S3Client.builder()
        .endpointOverride(java.net.URI.create(cluster.endpoint()))
        .forcePathStyle(true).region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("jais", "jais")))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
    atRoot.createBucket(b -> b.bucket("at-root"));
    assertThat(atRoot.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo("at-root"));
    assertThat(atRoot.listObjectsV2(b -> b.bucket("at-root")).contents()).isEmpty();
    assertThat(cluster.primary().state().bmd().contains(io.jais.api.bucket.Bucket.ais("at-root"))).isTrue();
    assertThat(atRoot.headBucket(b -> b.bucket("at-root")).sdkHttpResponse().statusCode()).isEqualTo(200);
    // objects at the root path (redirect mode is on here too, so a client that follows redirects)
    assertThat(RawHttp.send("PUT", cluster.endpoint() + "/at-root/a/b.txt", "root".getBytes(StandardCharsets.UTF_8))
        .statusCode()).isEqualTo(200);
    assertThat(RawHttp.text(RawHttp.send("GET", cluster.endpoint() + "/at-root/a/b.txt", null))).isEqualTo("root");
    assertThat(atRoot.listObjectsV2(b -> b.bucket("at-root")).contents()).extracting(S3Object::key)
        .containsExactly("a/b.txt");
    // the native API keeps its paths
    assertThat(RawHttp.send("GET", cluster.endpoint() + "/v1/objects/at-root/a/b.txt?provider=ais", null).body())
        .isEqualTo("root".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void redirectMode_sendsObjectRequestsToTheOwningTarget() throws Exception {
    String s3 = cluster.endpoint() + "/s3";
    assertThat(RawHttp.send("PUT", s3 + "/redirected", null).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> redirect = RawHttp.sendNoRedirect("PUT", s3 + "/redirected/k", new byte[] {1});
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location").orElseThrow()).contains("/s3/redirected/k?pid=");

    byte[] data = "followed".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> put = RawHttp.send("PUT", s3 + "/redirected/k", data);
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.headers().firstValue("ETag")).hasValue(S3Clients.quoted(S3Clients.md5(data)));
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/redirected/k", null))).isEqualTo("followed");
    assertThat(RawHttp.text(RawHttp.send("GET", s3 + "/redirected?list-type=2", null))).contains("<Key>k</Key>");
    S3Client sdk = S3Clients.of(cluster.endpoint());
    assertThat(sdk.listObjectsV2(b -> b.bucket("redirected")).contents()).extracting(S3Object::key)
        .containsExactly("k");
  }
}
