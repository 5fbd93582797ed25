package io.jais.it;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** AWS SDK for Java v2 clients pointed at a JAIS proxy's {@code /s3}, configured as docs/s3.md says. */
final class S3Clients {
  private S3Clients() {}

  static S3Client of(String proxyUrl) {
    return of(proxyUrl, "jais", "jais-secret");
  }

  static S3Client of(String proxyUrl, String accessKey, String secret) {
    return S3Client.builder()
        .endpointOverride(URI.create(proxyUrl + "/s3"))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static String md5(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  static String quoted(String etag) {
    return "\"" + etag + "\"";
  }
}
