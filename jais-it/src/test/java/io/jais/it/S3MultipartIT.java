package io.jais.it;

import static io.jais.it.S3SdkIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Multipart uploads through the AWS SDK for Java v2: the happy path with the S3 multipart ETag,
 * part copies (exact ranges), listings, abort, and every completion error S3 defines (each leaving
 * the upload and the destination as they were); a retried completion answered as the first (also
 * after target restarts, and concurrently); GET and HEAD by part number; abort and bucket
 * destruction leave no part on any disk.
 */
@JaisCluster(proxies = 1, targets = 3)
class S3MultipartIT {
  private static final int PART = 5 * TestBytes.MIB;

  private final LocalCluster cluster;
  private final S3Client s3;

  S3MultipartIT(LocalCluster cluster) {
    this.cluster = cluster;
    this.s3 = S3Clients.of(cluster.endpoint());
  }

  @Test
  void upload_threeParts_completesWithMultipartEtag_andListsOnTheWay() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-happy"));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-happy").key("big/obj").contentType("video/mp4"))
        .uploadId();
    byte[][] parts = {TestBytes.random(11, PART), TestBytes.random(12, PART), TestBytes.random(13, 1234)};
    List<CompletedPart> completed = new ArrayList<>();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    MessageDigest md5s = MessageDigest.getInstance("MD5");
    for (int i = 0; i < parts.length; i++) {
      int number = i + 1;
      byte[] data = parts[i];
      String etag = s3.uploadPart(b -> b.bucket("mpu-happy").key("big/obj").uploadId(id).partNumber(number),
          RequestBody.fromBytes(data)).eTag();
      assertThat(etag).isEqualTo(S3Clients.quoted(S3Clients.md5(data)));
      completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      whole.write(data);
      md5s.update(MessageDigest.getInstance("MD5").digest(data));
    }
    ListPartsResponse listed = s3.listParts(b -> b.bucket("mpu-happy").key("big/obj").uploadId(id));
    assertThat(listed.parts()).extracting(Part::partNumber).containsExactly(1, 2, 3);
    assertThat(listed.parts()).extracting(Part::size).containsExactly((long) PART, (long) PART, 1234L);
    assertThat(s3.listMultipartUploads(b -> b.bucket("mpu-happy")).uploads())
        .extracting(MultipartUpload::uploadId).containsExactly(id);

    String etag = s3.completeMultipartUpload(b -> b.bucket("mpu-happy").key("big/obj").uploadId(id)
        .multipartUpload(m -> m.parts(completed))).eTag();
    assertThat(etag).isEqualTo(S3Clients.quoted(HexFormat.of().formatHex(md5s.digest()) + "-3"));
    var got = s3.getObjectAsBytes(b -> b.bucket("mpu-happy").key("big/obj"));
    assertThat(got.asByteArray()).isEqualTo(whole.toByteArray());
    assertThat(got.response().eTag()).isEqualTo(etag);
    assertThat(got.response().contentType()).isEqualTo("video/mp4");
    assertThat(s3.listMultipartUploads(b -> b.bucket("mpu-happy")).uploads()).isEmpty();
    assertS3Error(() -> s3.listParts(b -> b.bucket("mpu-happy").key("big/obj").uploadId(id)), 404, "NoSuchUpload");
  }

  @Test
  void abort_leavesNothingBehind() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-abort"));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-abort").key("k")).uploadId();
    s3.uploadPart(b -> b.bucket("mpu-abort").key("k").uploadId(id).partNumber(1), RequestBody.fromString("part"));
    s3.uploadPart(b -> b.bucket("mpu-abort").key("k").uploadId(id).partNumber(2), RequestBody.fromString("more"));
    assertThat(filesOf(id)).hasSizeGreaterThanOrEqualTo(3); // manifest and parts: where the check below looks
    s3.abortMultipartUpload(b -> b.bucket("mpu-abort").key("k").uploadId(id));
    assertThat(filesOf(id)).isEmpty();
    assertThat(s3.listMultipartUploads(b -> b.bucket("mpu-abort")).uploads()).isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket("mpu-abort")).contents()).isEmpty();
    assertS3Error(() -> s3.uploadPart(b -> b.bucket("mpu-abort").key("k").uploadId(id).partNumber(2),
        RequestBody.fromString("late")), 404, "NoSuchUpload");
    assertS3Error(() -> s3.abortMultipartUpload(b -> b.bucket("mpu-abort").key("k").uploadId(id)), 404,
        "NoSuchUpload");
    s3.deleteBucket(b -> b.bucket("mpu-abort"));
  }

  @Test
  void complete_withBadPartLists_failsAndChangesNothing() {
    s3.createBucket(b -> b.bucket("mpu-errors"));
    s3.putObject(b -> b.bucket("mpu-errors").key("k"), RequestBody.fromString("before"));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-errors").key("k")).uploadId();
    String small = s3.uploadPart(b -> b.bucket("mpu-errors").key("k").uploadId(id).partNumber(1),
        RequestBody.fromString("tiny")).eTag();
    String second = s3.uploadPart(b -> b.bucket("mpu-errors").key("k").uploadId(id).partNumber(2),
        RequestBody.fromString("tiny too")).eTag();
    CompletedPart one = CompletedPart.builder().partNumber(1).eTag(small).build();
    CompletedPart two = CompletedPart.builder().partNumber(2).eTag(second).build();

    assertS3Error(() -> complete(id, List.of(one, two)), 400, "EntityTooSmall");
    assertS3Error(() -> complete(id, List.of(two, one)), 400, "InvalidPartOrder");
    assertS3Error(() -> complete(id, List.of(CompletedPart.builder().partNumber(3).eTag(small).build())), 400,
        "InvalidPart");
    assertS3Error(() -> complete(id, List.of(CompletedPart.builder().partNumber(1).eTag("\"0\"").build())), 400,
        "InvalidPart");
    assertS3Error(() -> complete("no-such-upload", List.of(one)), 404, "NoSuchUpload");
    assertS3Error(() -> s3.uploadPart(b -> b.bucket("mpu-errors").key("k").uploadId(id).partNumber(10_001),
        RequestBody.fromString("x")), 400, "InvalidArgument");
    assertS3Error(() -> s3.uploadPart(b -> b.bucket("mpu-errors").key("other").uploadId(id).partNumber(1),
        RequestBody.fromString("x")), 404, "NoSuchUpload");
    assertS3Error(() -> s3.uploadPart(b -> b.bucket("mpu-errors").key("k").uploadId(id).partNumber(1)
        .contentMD5("AAAAAAAAAAAAAAAAAAAAAA=="), RequestBody.fromString("replaced")), 400, "BadDigest");
    assertThat(s3.listParts(b -> b.bucket("mpu-errors").key("k").uploadId(id)).parts())
        .extracting(Part::partNumber, Part::eTag).containsExactly(tuple(1, small), tuple(2, second));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu-errors").key("k")).asUtf8String()).isEqualTo("before");

    complete(id, List.of(one)); // a single small part is fine: it is the last one
    assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu-errors").key("k")).asUtf8String()).isEqualTo("tiny");
  }

  @Test
  void uploadPartCopy_copiesRangesOfAnotherObject() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-copy"));
    byte[] source = TestBytes.random(21, PART + 1000);
    s3.putObject(b -> b.bucket("mpu-copy").key("source"), RequestBody.fromBytes(source));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-copy").key("dest")).uploadId();
    String first = s3.uploadPartCopy(b -> b.sourceBucket("mpu-copy").sourceKey("source").destinationBucket("mpu-copy")
        .destinationKey("dest").uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (PART - 1)))
        .copyPartResult().eTag();
    String second = s3.uploadPartCopy(b -> b.sourceBucket("mpu-copy").sourceKey("source").destinationBucket("mpu-copy")
        .destinationKey("dest").uploadId(id).partNumber(2).copySourceRange("bytes=" + PART + "-" + (PART + 999)))
        .copyPartResult().eTag();
    complete("mpu-copy", "dest", id, List.of(CompletedPart.builder().partNumber(1).eTag(first).build(),
        CompletedPart.builder().partNumber(2).eTag(second).build()));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu-copy").key("dest")).asByteArray()).isEqualTo(source);
  }

  @Test
  void destroyingTheBucket_dropsItsUploads_throughEitherApi() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-destroyed"));
    String viaS3 = s3.createMultipartUpload(b -> b.bucket("mpu-destroyed").key("k")).uploadId();
    s3.uploadPart(b -> b.bucket("mpu-destroyed").key("k").uploadId(viaS3).partNumber(1), RequestBody.fromString("p"));
    assertThat(filesOf(viaS3)).isNotEmpty();
    s3.deleteBucket(b -> b.bucket("mpu-destroyed")); // uploads are not objects: the bucket counts as empty
    awaitNoFilesOf(viaS3);

    s3.createBucket(b -> b.bucket("mpu-destroyed"));
    assertThat(s3.listMultipartUploads(b -> b.bucket("mpu-destroyed")).uploads()).isEmpty();
    assertS3Error(() -> s3.uploadPart(b -> b.bucket("mpu-destroyed").key("k").uploadId(viaS3).partNumber(2),
        RequestBody.fromString("late")), 404, "NoSuchUpload");

    String viaNative = s3.createMultipartUpload(b -> b.bucket("mpu-destroyed").key("k")).uploadId();
    s3.uploadPart(b -> b.bucket("mpu-destroyed").key("k").uploadId(viaNative).partNumber(1),
        RequestBody.fromString("p"));
    var destroyed = RawHttp.send("DELETE", cluster.endpoint() + "/v1/buckets/mpu-destroyed?provider=ais",
        RawHttp.json("{\"action\":\"destroy-bck\"}"));
    assertThat(destroyed.statusCode()).isEqualTo(200);
    awaitNoFilesOf(viaNative);
  }

  @Test
  void complete_retried_answersAsTheFirstTime_withoutWritingAgain() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-retry"));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-retry").key("k")).uploadId();
    List<CompletedPart> parts = uploadParts("mpu-retry", "k", id, TestBytes.random(31, PART), TestBytes.random(32, 100));
    CompleteMultipartUploadResponse first = s3.completeMultipartUpload(b -> b.bucket("mpu-retry").key("k").uploadId(id)
        .multipartUpload(m -> m.parts(parts)));
    String version = nativeVersion("mpu-retry", "k");

    CompleteMultipartUploadResponse again = s3.completeMultipartUpload(b -> b.bucket("mpu-retry").key("k")
        .uploadId(id).multipartUpload(m -> m.parts(parts)));
    assertThat(again.eTag()).isEqualTo(first.eTag());
    assertThat(again.location()).isEqualTo(first.location());
    assertThat(again.bucket()).isEqualTo("mpu-retry");
    assertThat(again.key()).isEqualTo("k");
    assertThat(nativeVersion("mpu-retry", "k")).as("a retry writes nothing").isEqualTo(version);

    // another part list for the completed upload, an upload that never was, another key: NoSuchUpload
    assertS3Error(() -> complete("mpu-retry", "k", id, parts.subList(0, 1)), 404, "NoSuchUpload");
    assertS3Error(() -> complete("mpu-retry", "k", id, List.of(parts.get(1))), 404, "NoSuchUpload");
    assertS3Error(() -> complete("mpu-retry", "k", "0123456789abcdef0123456789abcdef", parts), 404, "NoSuchUpload");
    assertS3Error(() -> complete("mpu-retry", "other", id, parts), 404, "NoSuchUpload");
    assertS3Error(() -> s3.abortMultipartUpload(b -> b.bucket("mpu-retry").key("k").uploadId(id)), 404,
        "NoSuchUpload");
    assertThat(nativeVersion("mpu-retry", "k")).isEqualTo(version);

    // the memory is the object: a target restarting forgets nothing...
    for (int i = 0; i < cluster.targets().size(); i++) {
      cluster.restartTarget(i);
    }
    assertThat(s3.completeMultipartUpload(b -> b.bucket("mpu-retry").key("k").uploadId(id)
        .multipartUpload(m -> m.parts(parts))).eTag()).isEqualTo(first.eTag());
    // ...and the upload is forgotten once its object is replaced
    s3.putObject(b -> b.bucket("mpu-retry").key("k"), RequestBody.fromString("replaced"));
    assertS3Error(() -> complete("mpu-retry", "k", id, parts), 404, "NoSuchUpload");
  }

  @Test
  void complete_twiceAtOnce_bothSucceed_andTheObjectIsWrittenOnce() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-race"));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-race").key("k")).uploadId();
    List<CompletedPart> parts = uploadParts("mpu-race", "k", id, TestBytes.random(41, PART), TestBytes.random(42, PART),
        TestBytes.random(43, 7));
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var one = pool.submit(() -> s3.completeMultipartUpload(b -> b.bucket("mpu-race").key("k").uploadId(id)
          .multipartUpload(m -> m.parts(parts))).eTag());
      var two = pool.submit(() -> s3.completeMultipartUpload(b -> b.bucket("mpu-race").key("k").uploadId(id)
          .multipartUpload(m -> m.parts(parts))).eTag());
      assertThat(one.get()).isEqualTo(two.get()).endsWith("-3\"");
    }
    assertThat(nativeVersion("mpu-race", "k")).as("one commit").isEqualTo("1");
    assertThat(filesOf(id)).isEmpty();
  }

  @Test
  void uploadPartCopy_copiesExactlyTheRange_andRefusesMalformedOrOutsideRanges() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-copy-range"));
    byte[] source = TestBytes.random(51, 1000);
    s3.putObject(b -> b.bucket("mpu-copy-range").key("src"), RequestBody.fromBytes(source));
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-copy-range").key("dst")).uploadId();
    // the forms of ceph/s3-tests' test_multipart_copy_improper_range, a reversed and an open range
    for (String range : new String[] {"0-2", "bytes=0", "bytes=hello-world", "bytes=0-bar", "bytes=hello-",
        "bytes=0-2,3-5", "bytes=5-2", "bytes=10-", "bytes=-10"}) {
      assertS3Error(() -> copyPart("mpu-copy-range", id, 1, range), 400, "InvalidArgument");
    }
    for (String range : new String[] {"bytes=0-1000", "bytes=0-2100", "bytes=1000-1000", "bytes=2000-3000"}) {
      assertThatThrownBy(() -> copyPart("mpu-copy-range", id, 1, range)).as(range)
          .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
            assertThat(e.awsErrorDetails().errorMessage()).contains("source object of size: 1000");
          });
    }
    assertThat(s3.listParts(b -> b.bucket("mpu-copy-range").key("dst").uploadId(id)).parts()).as("nothing copied")
        .isEmpty();

    String etag = copyPart("mpu-copy-range", id, 1, "bytes=10-19");
    String last = copyPart("mpu-copy-range", id, 2, "bytes=999-999");
    assertThat(s3.listParts(b -> b.bucket("mpu-copy-range").key("dst").uploadId(id)).parts())
        .extracting(Part::partNumber, Part::size).containsExactly(tuple(1, 10L), tuple(2, 1L));
    assertThat(etag).isEqualTo(S3Clients.quoted(S3Clients.md5(java.util.Arrays.copyOfRange(source, 10, 20))));
    s3.abortMultipartUpload(b -> b.bucket("mpu-copy-range").key("dst").uploadId(id));
    assertThat(last).isNotNull();
  }

  @Test
  void getAndHead_byPartNumber_serveEachPart_asS3() throws Exception {
    s3.createBucket(b -> b.bucket("mpu-parts"));
    byte[][] data = {TestBytes.random(61, PART), TestBytes.random(62, PART + 1000), TestBytes.random(63, 1234)};
    String id = s3.createMultipartUpload(b -> b.bucket("mpu-parts").key("k")).uploadId();
    List<CompletedPart> parts = uploadParts("mpu-parts", "k", id, data);
    String etag = s3.completeMultipartUpload(b -> b.bucket("mpu-parts").key("k").uploadId(id)
        .multipartUpload(m -> m.parts(parts))).eTag();
    long total = data[0].length + data[1].length + data[2].length;

    long offset = 0;
    for (int n = 1; n <= 3; n++) {
      int number = n;
      byte[] expected = data[n - 1];
      String range = "bytes " + offset + "-" + (offset + expected.length - 1) + "/" + total;
      var got = s3.getObjectAsBytes(b -> b.bucket("mpu-parts").key("k").partNumber(number));
      assertThat(got.asByteArray()).as("part " + n).isEqualTo(expected);
      assertThat(got.response().contentRange()).isEqualTo(range);
      assertThat(got.response().partsCount()).isEqualTo(3);
      assertThat(got.response().eTag()).as("the object's ETag").isEqualTo(etag);
      assertThat(got.response().sdkHttpResponse().statusCode()).isEqualTo(206);
      HeadObjectResponse head = s3.headObject(b -> b.bucket("mpu-parts").key("k").partNumber(number));
      assertThat(head.contentLength()).isEqualTo(expected.length);
      assertThat(head.partsCount()).isEqualTo(3);
      assertThat(head.sdkHttpResponse().firstMatchingHeader("Content-Range")).hasValue(range);
      offset += expected.length;
    }
    assertS3Error(() -> s3.getObject(b -> b.bucket("mpu-parts").key("k").partNumber(4)), 416, "InvalidPartNumber");
    assertS3Error(() -> s3.headObject(b -> b.bucket("mpu-parts").key("k").partNumber(4)), 416, null);
    assertS3Error(() -> s3.getObject(b -> b.bucket("mpu-parts").key("k").partNumber(0)), 400, "InvalidArgument");
    assertS3Error(() -> s3.getObject(b -> b.bucket("mpu-parts").key("k").partNumber(10_001)), 400, "InvalidArgument");
    assertS3Error(() -> s3.getObject(b -> b.bucket("mpu-parts").key("k").partNumber(1).range("bytes=0-1")), 400,
        "InvalidRequest");

    // an object not uploaded in parts is one part
    s3.putObject(b -> b.bucket("mpu-parts").key("single"), RequestBody.fromString("0123456789"));
    var whole = s3.getObjectAsBytes(b -> b.bucket("mpu-parts").key("single").partNumber(1));
    assertThat(whole.asUtf8String()).isEqualTo("0123456789");
    assertThat(whole.response().contentRange()).isEqualTo("bytes 0-9/10");
    assertThat(whole.response().partsCount()).isNull();
    assertS3Error(() -> s3.getObject(b -> b.bucket("mpu-parts").key("single").partNumber(2)), 416,
        "InvalidPartNumber");
  }

  private List<CompletedPart> uploadParts(String bucket, String key, String id, byte[]... data) {
    List<CompletedPart> parts = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      int number = i + 1;
      byte[] part = data[i];
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number),
          RequestBody.fromBytes(part)).eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    return parts;
  }

  private String copyPart(String bucket, String id, int number, String range) {
    return s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
        .destinationKey("dst").uploadId(id).partNumber(number).copySourceRange(range)).copyPartResult().eTag();
  }

  /** The object's version through the native API: it changes with every write. */
  private String nativeVersion(String bucket, String key) throws Exception {
    var head = RawHttp.send("HEAD", cluster.endpoint() + "/v1/objects/" + bucket + "/" + key + "?provider=ais", null);
    assertThat(head.statusCode()).isEqualTo(200);
    return head.headers().firstValue(io.jais.api.Header.VERSION).orElseThrow();
  }

  /** Every file on the targets' disks whose path names the upload (its manifest and parts). */
  private List<Path> filesOf(String uploadId) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Node target : cluster.targets()) {
      for (String mountpath : target.config().mountpaths()) {
        Files.walkFileTree(Path.of(mountpath), new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && file.toString().contains(uploadId)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // removed while we walked: the trash empties in the background
          }
        });
      }
    }
    return found;
  }

  /** The store moves a destroyed bucket aside at once and deletes it in the background. */
  private void awaitNoFilesOf(String uploadId) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!filesOf(uploadId).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(filesOf(uploadId)).isEmpty();
  }

  private void complete(String id, List<CompletedPart> parts) {
    complete("mpu-errors", "k", id, parts);
  }

  private void complete(String bucket, String key, String id, List<CompletedPart> parts) {
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
  }
}
