package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.node.s3.S3Options;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Redirect mode with keys: the proxy verifies the client's signature and sends it to the owning
 * target with a token for that one method and URL; the target serves only requests carrying it, so
 * a proxy's marker alone (or a token moved to another request) gets nothing.
 */
class S3RedirectAuthIT {
  private static final String ACCESS = "AKIAREDIRECT";
  private static final String SECRET = "redirect-secret";

  @TempDir
  static Path dir;
  private static LocalCluster cluster;
  private static S3Presigner presigner;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty(S3Options.KEYS_PROPERTY, ACCESS + ":" + SECRET);
    System.setProperty(S3Options.REDIRECT_PROPERTY, "true");
    try {
      cluster = LocalCluster.start(dir, 1, 2, 0, 1);
      cluster.awaitStable(Duration.ofSeconds(30));
    } finally {
      System.clearProperty(S3Options.KEYS_PROPERTY); // nodes read them at start; other tests must not see them
      System.clearProperty(S3Options.REDIRECT_PROPERTY);
    }
    S3Clients.of(cluster.endpoint(), ACCESS, SECRET).createBucket(b -> b.bucket("redir"));
    presigner = S3Presigner.builder().endpointOverride(URI.create(cluster.endpoint() + "/s3"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  @AfterAll
  static void stop() {
    if (presigner != null) {
      presigner.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void presignedPutAndGet_followTheRedirectToTheTarget() throws Exception {
    byte[] data = "through the redirect".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> put = RawHttp.send("PUT", presignedPut("k"), data);
    assertThat(put.statusCode()).as(RawHttp.text(put)).isEqualTo(200);
    assertThat(put.headers().firstValue("ETag")).hasValue(S3Clients.quoted(S3Clients.md5(data)));
    assertThat(RawHttp.send("GET", presignedGet("k"), null).body()).isEqualTo(data);
  }

  @Test
  void redirectToken_isRequired_andBoundToItsMethodAndUrl() throws Exception {
    RawHttp.send("PUT", presignedPut("bound"), "kept".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> redirect = RawHttp.sendNoRedirect("GET", presignedGet("bound"), null);
    assertThat(redirect.statusCode()).isEqualTo(307);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("/s3/redir/bound?").contains("&jais-sig=");
    assertThat(RawHttp.text(RawHttp.sendNoRedirect("GET", location, null))).isEqualTo("kept");

    int at = location.length() - 1;
    String tampered = location.substring(0, at) + (location.charAt(at) == '0' ? '1' : '0');
    assertRefused(RawHttp.sendNoRedirect("GET", tampered, null));
    assertRefused(RawHttp.sendNoRedirect("GET", location.substring(0, location.indexOf("&jais-sig=")), null));
    assertRefused(RawHttp.sendNoRedirect("PUT", location, "forged".getBytes(StandardCharsets.UTF_8)));
    assertRefused(RawHttp.sendNoRedirect("DELETE", location, null));
    assertRefused(RawHttp.sendNoRedirect("GET", location.replace("/redir/bound?", "/redir/k?"), null));

    HttpResponse<byte[]> unsigned = RawHttp.sendNoRedirect("GET", cluster.endpoint() + "/s3/redir/bound", null);
    assertThat(unsigned.statusCode()).isEqualTo(403); // no signature, no redirect
    assertThat(RawHttp.text(RawHttp.send("GET", presignedGet("bound"), null))).isEqualTo("kept");
  }

  private static void assertRefused(HttpResponse<byte[]> reply) {
    assertThat(reply.statusCode()).as(reply.request().method() + " " + reply.uri()).isEqualTo(403);
    assertThat(RawHttp.text(reply)).contains("<Code>AccessDenied</Code>");
  }

  private static String presignedGet(String key) {
    return presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
        .getObjectRequest(g -> g.bucket("redir").key(key))).url().toString();
  }

  private static String presignedPut(String key) {
    return presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
        .putObjectRequest(g -> g.bucket("redir").key(key))).url().toString();
  }
}
