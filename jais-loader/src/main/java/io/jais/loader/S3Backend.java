package io.jais.loader;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 API through the AWS SDK for Java v2 (sync client, Apache HTTP client with a connection
 * per worker): path-style addressing, static credentials, and checksums only where S3 requires
 * them, so the numbers measure the server rather than the SDK's CRC32 trailers.
 */
final class S3Backend implements Backend {
  private final String endpoint;
  private final String bucket;
  private final S3Client s3;

  S3Backend(String endpoint, String bucket, String accessKey, String secretKey, String region, int workers,
      Duration timeout) {
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder()
            .maxConnections(Math.max(workers, 1) + 4)
            .socketTimeout(timeout)
            .connectionTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)).apiCallTimeout(timeout))
        .build();
  }

  @Override
  public String describe() {
    return "s3 " + endpoint + " s3://" + bucket;
  }

  @Override
  public boolean prepareBucket() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return false;
    } catch (NoSuchBucketException e) {
      s3.createBucket(b -> b.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        s3.createBucket(b -> b.bucket(bucket));
        return true;
      }
      throw e;
    }
  }

  @Override
  public List<String> list(String prefix) {
    List<String> names = new ArrayList<>();
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
    for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
      names.add(o.key());
    }
    return names;
  }

  @Override
  public long put(String name, long size) throws Exception {
    int start = Content.start(name);
    try {
      s3.putObject(b -> b.bucket(bucket).key(name).contentLength(size),
          RequestBody.fromContentProvider(() -> new ContentStream(start, size), size, "application/octet-stream"));
      return size;
    } catch (S3Exception e) {
      throw failure("PUT", name, e);
    } catch (SdkClientException e) {
      throw new OpException("io", "PUT " + name + ": " + e.getMessage());
    }
  }

  @Override
  public long get(String name, boolean verify) throws Exception {
    Content.Verifier verifier = verify ? new Content.Verifier(name) : null;
    byte[] buffer = new byte[64 << 10];
    long bytes = 0;
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(name))) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes += n;
        if (verifier != null) {
          verifier.update(buffer, 0, n);
        }
      }
      Long expected = in.response().contentLength();
      long mismatch = verifier == null ? -1 : verifier.firstMismatch();
      if ((expected != null && expected != bytes) || mismatch >= 0) {
        throw Backend.verifyFailed(name, bytes, expected == null ? bytes : expected, mismatch);
      }
      return bytes;
    } catch (S3Exception e) {
      throw failure("GET", name, e);
    } catch (SdkClientException e) {
      throw new OpException("io", "GET " + name + ": " + e.getMessage());
    }
  }

  private static OpException failure(String method, String name, S3Exception e) {
    String code = e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
    return new OpException("http-" + e.statusCode(), method + " " + name + ": HTTP " + e.statusCode() + code);
  }

  @Override
  public void delete(String name) {
    s3.deleteObject(b -> b.bucket(bucket).key(name));
  }

  @Override
  public void destroyBucket() {
    s3.deleteBucket(b -> b.bucket(bucket));
  }

  @Override
  public void close() {
    s3.close();
  }

  /** An object's {@link Content} as a stream (the SDK reads it once per attempt). */
  static final class ContentStream extends InputStream {
    private final int start;
    private final long size;
    private long offset;

    ContentStream(int start, long size) {
      this.start = start;
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (offset >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - offset);
      Content.copy(start, offset, b, off, n);
      offset += n;
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, size - offset);
    }
  }
}
