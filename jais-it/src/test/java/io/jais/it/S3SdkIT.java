package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.Header;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS SDK for Java v2, unmodified, against the S3 front door of a two-proxy cluster: buckets,
 * objects, copies, batch deletes and listings, each with the error cases S3 defines. Requests go
 * to the non-primary proxy too, so forwarding to the primary and relaying to targets are covered.
 */
@JaisCluster(proxies = 2, targets = 3)
class S3SdkIT {
  private final LocalCluster cluster;
  private final S3Client s3;
  private final S3Client viaSecondProxy;

  S3SdkIT(LocalCluster cluster) {
    this.cluster = cluster;
    this.s3 = S3Clients.of(cluster.endpoint());
    this.viaSecondProxy = S3Clients.of(cluster.proxies().get(1).url());
  }

  @Test
  void buckets_createHeadListDelete_throughEitherProxy() {
    viaSecondProxy.createBucket(b -> b.bucket("sdk-buckets"));
    s3.headBucket(b -> b.bucket("sdk-buckets"));
    assertThat(s3.listBuckets().buckets()).anySatisfy(b -> {
      assertThat(b.name()).isEqualTo("sdk-buckets");
      assertThat(b.creationDate()).isAfter(Instant.now().minusSeconds(600));
    });
    assertThat(s3.getBucketLocation(b -> b.bucket("sdk-buckets")).locationConstraintAsString()).isEmpty();
    assertThat(s3.getBucketVersioning(b -> b.bucket("sdk-buckets")).status()).isNull();
    assertS3Error(() -> s3.createBucket(b -> b.bucket("sdk-buckets")), 409, "BucketAlreadyOwnedByYou");

    s3.putObject(b -> b.bucket("sdk-buckets").key("x"), RequestBody.fromString("x"));
    assertS3Error(() -> viaSecondProxy.deleteBucket(b -> b.bucket("sdk-buckets")), 409, "BucketNotEmpty");
    s3.deleteObject(b -> b.bucket("sdk-buckets").key("x"));
    viaSecondProxy.deleteBucket(b -> b.bucket("sdk-buckets"));
    assertS3Error(() -> s3.headBucket(b -> b.bucket("sdk-buckets")), 404, null);
    assertS3Error(() -> s3.listObjectsV2(b -> b.bucket("sdk-buckets")), 404, "NoSuchBucket");
  }

  @Test
  void putGetHead_keepsMetadataContentTypeAndMd5Etag() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-objects"));
    byte[] data = TestBytes.random(1, 300_000);
    String etag = S3Clients.quoted(S3Clients.md5(data));
    var put = s3.putObject(b -> b.bucket("sdk-objects").key("dir/obj one.bin").contentType("image/png")
        .metadata(Map.of("color", "blue", "note", "plain ascii")), RequestBody.fromBytes(data));
    assertThat(put.eTag()).isEqualTo(etag);

    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("sdk-objects").key("dir/obj one.bin"));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().eTag()).isEqualTo(etag);
    assertThat(got.response().contentType()).isEqualTo("image/png");
    assertThat(got.response().metadata()).containsEntry("color", "blue").containsEntry("note", "plain ascii");

    HeadObjectResponse head = viaSecondProxy.headObject(b -> b.bucket("sdk-objects").key("dir/obj one.bin"));
    assertThat(head.contentLength()).isEqualTo(data.length);
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(head.metadata()).containsEntry("color", "blue");

    assertS3Error(() -> s3.getObject(b -> b.bucket("sdk-objects").key("missing")), 404, "NoSuchKey");
    assertS3Error(() -> s3.headObject(b -> b.bucket("sdk-objects").key("missing")), 404, null);
    s3.deleteObject(b -> b.bucket("sdk-objects").key("missing")); // S3: deleting nothing succeeds
  }

  @Test
  void put_withWrongContentMd5_isBadDigestAndChangesNothing() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-md5"));
    s3.putObject(b -> b.bucket("sdk-md5").key("k"), RequestBody.fromString("original"));
    String wrong = java.util.Base64.getEncoder().encodeToString(new byte[16]);
    assertS3Error(() -> s3.putObject(b -> b.bucket("sdk-md5").key("k").contentMD5(wrong),
        RequestBody.fromString("replacement")), 400, "BadDigest");
    assertS3Error(() -> s3.putObject(b -> b.bucket("sdk-md5").key("k").contentMD5("not-base64!"),
        RequestBody.fromString("replacement")), 400, "InvalidDigest");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-md5").key("k")).asUtf8String()).isEqualTo("original");
  }

  @Test
  void put_checksums_inTrailersAndHeaders_areVerified() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-checksums"));
    List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
    S3Client recording = S3Client.builder().endpointOverride(URI.create(cluster.endpoint() + "/s3"))
        .forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("jais", "jais-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.add(context.httpRequest());
          }
        })).build();
    byte[] data = TestBytes.random(4, 300_000);

    recording.putObject(b -> b.bucket("sdk-checksums").key("default"), RequestBody.fromBytes(data));
    SdkHttpRequest put = sent.get(sent.size() - 1);
    assertThat(put.firstMatchingHeader("x-amz-trailer")).as("the SDK's default PUT").hasValue("x-amz-checksum-crc32");
    assertThat(put.firstMatchingHeader("Content-Encoding")).hasValue("aws-chunked");
    for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
        ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
      recording.putObject(b -> b.bucket("sdk-checksums").key(algorithm.name()).checksumAlgorithm(algorithm),
          RequestBody.fromBytes(data));
      assertThat(sent.get(sent.size() - 1).firstMatchingHeader("x-amz-trailer")).as(algorithm.name())
          .hasValueSatisfying(trailer -> assertThat(trailer).startsWith("x-amz-checksum-"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-checksums").key(algorithm.name())).asByteArray())
          .isEqualTo(data);
    }
    // CRC64NVME: the SDK computes it only with the CRT, so the value (the CRC catalogue's check) is given
    String check = Base64.getEncoder().encodeToString(HexFormat.of().parseHex("ae8b14860a799888"));
    recording.putObject(b -> b.bucket("sdk-checksums").key("crc64").checksumCRC64NVME(check),
        RequestBody.fromString("123456789"));
    assertThat(sent.get(sent.size() - 1).firstMatchingHeader("x-amz-checksum-crc64nvme")).hasValue(check);

    String zeros = Base64.getEncoder().encodeToString(new byte[8]);
    assertS3Error(() -> s3.putObject(b -> b.bucket("sdk-checksums").key("crc64").checksumCRC64NVME(zeros),
        RequestBody.fromString("123456789")), 400, "BadDigest");
    assertS3Error(() -> s3.putObject(b -> b.bucket("sdk-checksums").key("default").checksumCRC32("AAAAAA=="),
        RequestBody.fromString("replacement")), 400, "BadDigest");
    assertS3Error(() -> s3.putObject(b -> b.bucket("sdk-checksums").key("new").checksumSHA256(
        Base64.getEncoder().encodeToString(new byte[32])), RequestBody.fromString("x")), 400, "BadDigest");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-checksums").key("default")).asByteArray()).isEqualTo(data);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-checksums").key("crc64")).asUtf8String()).isEqualTo("123456789");
    assertS3Error(() -> s3.headObject(b -> b.bucket("sdk-checksums").key("new")), 404, null);
  }

  @Test
  void get_rangeAndConditions_behaveAsS3() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-range"));
    byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
    String etag = s3.putObject(b -> b.bucket("sdk-range").key("k"), RequestBody.fromBytes(data)).eTag();

    var range = s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").range("bytes=2-5"));
    assertThat(range.asUtf8String()).isEqualTo("2345");
    assertThat(range.response().contentRange()).isEqualTo("bytes 2-5/10");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").range("bytes=-3")).asUtf8String())
        .isEqualTo("789");
    assertS3Error(() -> s3.getObject(b -> b.bucket("sdk-range").key("k").range("bytes=20-30")), 416, "InvalidRange");

    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").ifMatch(etag)).asUtf8String())
        .isEqualTo("0123456789");
    assertS3Error(() -> s3.getObject(b -> b.bucket("sdk-range").key("k").ifMatch("\"nope\"")), 412,
        "PreconditionFailed");
    assertS3Error(() -> s3.getObject(b -> b.bucket("sdk-range").key("k").ifNoneMatch(etag)), 304, null);
    Instant later = Instant.now().plusSeconds(3600);
    Instant earlier = Instant.now().minusSeconds(3600);
    assertS3Error(() -> s3.getObject(b -> b.bucket("sdk-range").key("k").ifModifiedSince(later)), 304, null);
    assertS3Error(() -> s3.getObject(b -> b.bucket("sdk-range").key("k").ifUnmodifiedSince(earlier)), 412,
        "PreconditionFailed");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").ifModifiedSince(earlier)).asUtf8String())
        .isEqualTo("0123456789");
  }

  @Test
  void getAndHead_responseOverrides_replaceTheStoredHeadersForThatResponseOnly() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-overrides"));
    s3.putObject(b -> b.bucket("sdk-overrides").key("k").contentType("text/plain"), RequestBody.fromString("data"));

    var got = s3.getObjectAsBytes(b -> b.bucket("sdk-overrides").key("k").responseContentType("application/json")
        .responseContentDisposition("attachment; filename=\"k.json\"").responseCacheControl("no-cache"));
    assertThat(got.asUtf8String()).isEqualTo("data");
    assertThat(got.response().contentType()).isEqualTo("application/json");
    assertThat(got.response().contentDisposition()).isEqualTo("attachment; filename=\"k.json\"");
    assertThat(got.response().cacheControl()).isEqualTo("no-cache");
    assertThat(s3.headObject(b -> b.bucket("sdk-overrides").key("k").responseContentLanguage("de")).contentLanguage())
        .isEqualTo("de");
    assertThat(s3.headObject(b -> b.bucket("sdk-overrides").key("k")).contentType()).isEqualTo("text/plain");
  }

  @Test
  void copyObject_copiesOrReplacesMetadata() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-copy-src"));
    s3.createBucket(b -> b.bucket("sdk-copy-dst"));
    byte[] data = TestBytes.random(2, 100_000);
    s3.putObject(b -> b.bucket("sdk-copy-src").key("a/src").contentType("text/csv").metadata(Map.of("k", "v")),
        RequestBody.fromBytes(data));

    CopyObjectResponse copied = viaSecondProxy.copyObject(b -> b.sourceBucket("sdk-copy-src").sourceKey("a/src")
        .destinationBucket("sdk-copy-dst").destinationKey("copied"));
    assertThat(copied.copyObjectResult().eTag()).isEqualTo(S3Clients.quoted(S3Clients.md5(data)));
    HeadObjectResponse head = s3.headObject(b -> b.bucket("sdk-copy-dst").key("copied"));
    assertThat(head.contentType()).isEqualTo("text/csv");
    assertThat(head.metadata()).containsExactlyEntriesOf(Map.of("k", "v"));

    s3.copyObject(b -> b.sourceBucket("sdk-copy-src").sourceKey("a/src").destinationBucket("sdk-copy-dst")
        .destinationKey("replaced").metadataDirective(MetadataDirective.REPLACE).contentType("text/plain")
        .metadata(Map.of("other", "1")));
    head = s3.headObject(b -> b.bucket("sdk-copy-dst").key("replaced"));
    assertThat(head.contentType()).isEqualTo("text/plain");
    assertThat(head.metadata()).containsExactlyEntriesOf(Map.of("other", "1"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-copy-dst").key("replaced")).asByteArray()).isEqualTo(data);

    assertS3Error(() -> s3.copyObject(b -> b.sourceBucket("sdk-copy-src").sourceKey("missing")
        .destinationBucket("sdk-copy-dst").destinationKey("x")), 404, "NoSuchKey");
    assertS3Error(() -> s3.copyObject(b -> b.sourceBucket("sdk-copy-src").sourceKey("a/src")
        .destinationBucket("sdk-copy-src").destinationKey("a/src")), 400, "InvalidRequest");
    assertS3Error(() -> s3.headObject(b -> b.bucket("sdk-copy-dst").key("x")), 404, null);
  }

  @Test
  void deleteObjects_deletesInBatches_quietReportsNothing() {
    s3.createBucket(b -> b.bucket("sdk-batch"));
    List<ObjectIdentifier> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String key = "obj-" + i;
      s3.putObject(b -> b.bucket("sdk-batch").key(key), RequestBody.fromString(key));
      ids.add(ObjectIdentifier.builder().key(key).build());
    }
    DeleteObjectsResponse loud = s3.deleteObjects(b -> b.bucket("sdk-batch")
        .delete(Delete.builder().objects(ids.subList(0, 10)).build()));
    assertThat(loud.deleted()).hasSize(10);
    assertThat(loud.errors()).isEmpty();
    DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket("sdk-batch")
        .delete(Delete.builder().objects(ids).quiet(true).build()));
    assertThat(quiet.deleted()).isEmpty();
    assertThat(quiet.errors()).isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket("sdk-batch")).contents()).isEmpty();
  }

  @Test
  void listObjectsV2_prefixDelimiterPagingAndStartAfter_exactAndInOrder() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-list"));
    List<String> keys = List.of("a.txt", "dir/1", "dir/2", "dir/sub/3", "dir2/x", "z", "dir/sub/4", "e f/g");
    for (String key : keys) {
      s3.putObject(b -> b.bucket("sdk-list").key(key), RequestBody.fromString(key));
    }
    ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket("sdk-list").delimiter("/"));
    assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "z");
    assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/", "dir2/", "e f/");

    ListObjectsV2Response dir = s3.listObjectsV2(b -> b.bucket("sdk-list").prefix("dir/").delimiter("/"));
    assertThat(dir.contents()).extracting(S3Object::key).containsExactly("dir/1", "dir/2");
    assertThat(dir.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/sub/");
    assertThat(dir.contents().get(0).eTag()).isEqualTo(S3Clients.quoted(md5Of("dir/1")));

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("sdk-list").maxKeys(3).continuationToken(current));
      page.contents().forEach(o -> paged.add(o.key()));
      token = page.nextContinuationToken();
      pages++;
      assertThat(page.keyCount()).isLessThanOrEqualTo(3);
    } while (token != null);
    assertThat(paged).containsExactly("a.txt", "dir/1", "dir/2", "dir/sub/3", "dir/sub/4", "dir2/x", "e f/g", "z");
    assertThat(pages).isEqualTo(3);

    assertThat(s3.listObjectsV2(b -> b.bucket("sdk-list").startAfter("dir2/x")).contents())
        .extracting(S3Object::key).containsExactly("e f/g", "z");
    assertThat(s3.listObjectsV2(b -> b.bucket("sdk-list").delimiter("sub")).commonPrefixes())
        .extracting(CommonPrefix::prefix).containsExactly("dir/sub");
    ListObjectsV2Response encoded = s3.listObjectsV2(b -> b.bucket("sdk-list").prefix("e f").encodingType("url")
        .fetchOwner(true));
    assertThat(encoded.contents()).extracting(S3Object::key).containsExactly("e f/g"); // the SDK decodes
    assertThat(encoded.contents().get(0).owner()).isNotNull();
    String raw = RawHttp.text(RawHttp.send("GET", cluster.endpoint() + "/s3/sdk-list?list-type=2&prefix=e%20f"
        + "&encoding-type=url", null)); // on the wire, before the SDK decodes it
    assertThat(raw).contains("<Key>e%20f/g</Key>").contains("<EncodingType>url</EncodingType>");
  }

  @Test
  void keyWithComponentOverFilesystemLimit_putGetListDelete() {
    s3.createBucket(b -> b.bucket("sdk-long"));
    String longDir = "dir/" + "x".repeat(300) + "/";
    String key = longDir + "leaf";
    s3.putObject(b -> b.bucket("sdk-long").key(key), RequestBody.fromString("long"));
    s3.putObject(b -> b.bucket("sdk-long").key("dir/a"), RequestBody.fromString("a"));

    assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-long").key(key)).asUtf8String()).isEqualTo("long");
    assertThat(s3.headObject(b -> b.bucket("sdk-long").key(key)).contentLength()).isEqualTo(4);
    assertThat(s3.listObjectsV2(b -> b.bucket("sdk-long").prefix("dir/")).contents()).extracting(S3Object::key)
        .containsExactly("dir/a", key);
    ListObjectsV2Response delimited = s3.listObjectsV2(b -> b.bucket("sdk-long").prefix("dir/").delimiter("/"));
    assertThat(delimited.contents()).extracting(S3Object::key).containsExactly("dir/a");
    assertThat(delimited.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly(longDir);
    s3.deleteObject(b -> b.bucket("sdk-long").key(key));
    assertS3Error(() -> s3.headObject(b -> b.bucket("sdk-long").key(key)), 404, null);
  }

  @Test
  void listObjectsV1_markerPaging() {
    s3.createBucket(b -> b.bucket("sdk-list-v1"));
    for (int i = 0; i < 7; i++) {
      String key = "k" + i;
      s3.putObject(b -> b.bucket("sdk-list-v1").key(key), RequestBody.fromString(key));
    }
    ListObjectsResponse first = s3.listObjects(b -> b.bucket("sdk-list-v1").maxKeys(4));
    assertThat(first.contents()).extracting(S3Object::key).containsExactly("k0", "k1", "k2", "k3");
    assertThat(first.isTruncated()).isTrue();
    ListObjectsResponse rest = s3.listObjects(b -> b.bucket("sdk-list-v1").marker("k3"));
    assertThat(rest.contents()).extracting(S3Object::key).containsExactly("k4", "k5", "k6");
    assertThat(rest.isTruncated()).isFalse();
  }

  @Test
  void objects_writtenThroughOneApi_areReadThroughTheOther() throws Exception {
    s3.createBucket(b -> b.bucket("sdk-both"));
    byte[] data = TestBytes.random(3, 50_000);
    s3.putObject(b -> b.bucket("sdk-both").key("via-s3"), RequestBody.fromBytes(data));
    var nativeGet = RawHttp.send("GET", cluster.endpoint() + "/v1/objects/sdk-both/via-s3?provider=ais", null);
    assertThat(nativeGet.body()).isEqualTo(data);
    assertThat(nativeGet.headers().firstValue(Header.CHECKSUM_VALUE)).hasValue(TestBytes.xxhash(data));
    String firstVersion = nativeGet.headers().firstValue(Header.VERSION).orElseThrow();
    s3.putObject(b -> b.bucket("sdk-both").key("via-s3"), RequestBody.fromBytes(data)); // S3 overwrites
    var nativeHead = RawHttp.send("HEAD", cluster.endpoint() + "/v1/objects/sdk-both/via-s3?provider=ais", null);
    assertThat(nativeHead.headers().firstValue(Header.VERSION)).hasValue(Long.toString(Long.parseLong(firstVersion) + 1));

    var nativePut = RawHttp.send("PUT", cluster.endpoint() + "/v1/objects/sdk-both/via-native?provider=ais", data);
    assertThat(nativePut.statusCode()).isEqualTo(200);
    var got = s3.getObjectAsBytes(b -> b.bucket("sdk-both").key("via-native"));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().eTag()).isEqualTo(S3Clients.quoted(TestBytes.xxhash(data)));
  }

  private static String md5Of(String text) {
    try {
      return S3Clients.md5(text.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertS3Error(Runnable call, int status, String code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.statusCode()).as(e.toString()).isEqualTo(status);
      if (code != null) {
        assertThat(e.awsErrorDetails().errorCode()).as(e.toString()).isEqualTo(code);
      }
    });
  }

  @AfterAll
  static void done() {}
}
