package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Multipart uploads on the target that owns the key: create, upload part, list parts, complete
 * ({@link CompleteMultipartOp}) and abort. The proxy routes every request of an upload by its key,
 * so all parts of one upload land here.
 */
final class S3TargetMultipartHandler {
  static final int MAX_PART_NUMBER = MultipartUploads.MAX_PART_NUMBER;

  private final ClusterState state;
  private final ObjectService objects;
  private final MultipartUploads uploads;
  private final S3Options options;

  S3TargetMultipartHandler(ClusterState state, ObjectService objects, MultipartUploads uploads, S3Options options) {
    this.options = options;
    this.state = state;
    this.objects = objects;
    this.uploads = uploads;
  }

  /** The upload's manifest metadata, which must name {@code key}; NoSuchUpload otherwise. */
  private ObjectMeta manifest(Bucket bucket, String key, String uploadId) throws java.io.IOException {
    return uploads.findManifest(bucket, key, uploadId).orElseThrow(() -> noSuchUpload(uploadId));
  }

  static S3Exception noSuchUpload(String uploadId) {
    return new S3Exception(S3Error.NO_SUCH_UPLOAD, "The specified multipart upload does not exist: " + uploadId);
  }

  Response create(Request request, Bucket bucket, String key) throws Exception {
    String uploadId = uploads.create(bucket, key, S3Metadata.fromRequest(request));
    return new XmlWriter().root("InitiateMultipartUploadResult")
        .element("Bucket", bucket.name()).element("Key", key).element("UploadId", uploadId)
        .close("InitiateMultipartUploadResult").response();
  }

  Response uploadPart(Request request, Bucket bucket, String key) throws Exception {
    int part = partNumber(request.query("partNumber"));
    String uploadId = request.query("uploadId");
    manifest(bucket, key, uploadId);
    Md5Source body = PutObjectOp.verifiedBody(request, new SigV4Verifier(options.keys()), options.authRequired());
    ObjectMeta meta = uploads.putPart(bucket, uploadId, part, body, () -> Map.of(S3Metadata.ETAG, body.hex()));
    return Response.builder(200).header("ETag", S3Metadata.etag(meta))
        .header("Last-Modified", S3Params.httpDate(meta.mtimeNanos())).header("Content-Length", "0").build();
  }

  static int partNumber(String value) {
    try {
      int part = Integer.parseInt(value == null ? "" : value);
      if (part >= 1 && part <= MAX_PART_NUMBER) {
        return part;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new S3Exception(S3Error.INVALID_ARGUMENT,
        "Part number must be an integer between 1 and " + MAX_PART_NUMBER + ", inclusive (got \"" + value + "\")");
  }

  /**
   * CompleteMultipartUpload, one at a time per upload: a retry that arrives while the first is still
   * assembling waits for it, then finds the upload completed and is answered from the object
   * ({@link CompleteMultipartOp#retried}).
   */
  Response complete(Request request, Bucket bucket, String key) throws Exception {
    String uploadId = request.query("uploadId");
    if (!MultipartUploads.isWellFormed(uploadId)) {
      throw noSuchUpload(uploadId);
    }
    byte[] body = request.bodyBytes(CompleteMultipartOp.MAX_BODY);
    return uploads.exclusively(uploadId, () -> {
      Optional<ObjectMeta> manifest = uploads.findManifest(bucket, key, uploadId);
      if (manifest.isEmpty()) {
        return CompleteMultipartOp.retried(objects, bucket, key, uploadId, body);
      }
      return new CompleteMultipartOp(uploads, bucket, key, uploadId, manifest.get())
          .run(CompleteMultipartOp.parse(body));
    });
  }

  /** AbortMultipartUpload; never while the upload's completion reads its parts. */
  Response abort(Request request, Bucket bucket, String key) throws Exception {
    String uploadId = request.query("uploadId");
    if (!MultipartUploads.isWellFormed(uploadId)) {
      throw noSuchUpload(uploadId);
    }
    return uploads.exclusively(uploadId, () -> {
      manifest(bucket, key, uploadId);
      uploads.remove(bucket, uploadId);
      return Response.status(204);
    });
  }

  Response listParts(Request request, Bucket bucket, String key) throws Exception {
    String uploadId = request.query("uploadId");
    manifest(bucket, key, uploadId);
    int marker = request.query("part-number-marker") == null ? 0 : partNumberMarker(request.query("part-number-marker"));
    int maxParts = ListObjectsOp.maxKeys(request.query("max-parts"));
    XmlWriter xml = new XmlWriter().root("ListPartsResult")
        .element("Bucket", bucket.name()).element("Key", key).element("UploadId", uploadId)
        .element("PartNumberMarker", marker);
    List<ListEntry> parts = uploads.parts(bucket, uploadId).stream()
        .filter(p -> MultipartUploads.partNumber(p) > marker).toList();
    boolean truncated = parts.size() > maxParts;
    List<ListEntry> page = truncated ? parts.subList(0, maxParts) : parts;
    if (!page.isEmpty()) {
      xml.element("NextPartNumberMarker", MultipartUploads.partNumber(page.get(page.size() - 1)));
    }
    xml.element("MaxParts", maxParts).element("IsTruncated", truncated);
    for (ListEntry part : page) {
      xml.open("Part").element("PartNumber", MultipartUploads.partNumber(part))
          .element("LastModified", S3Params.iso(part.atimeNanos()))
          .element("ETag", "\"" + part.custom().getOrDefault(S3Metadata.ETAG, "") + "\"")
          .element("Size", part.size()).close("Part");
    }
    return xml.close("ListPartsResult").response();
  }

  private static int partNumberMarker(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "invalid part-number-marker \"" + value + "\"");
    }
  }

  /** GET {@code /s3/{bucket}?uploads} on a target: this target's uploads, merged by the proxy. */
  Response listUploads(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    XmlWriter xml = new XmlWriter().root("ListMultipartUploadsResult").element("Bucket", bucket.name());
    for (ListEntry manifest : uploads.manifests(bucket)) {
      xml.open("Upload").element("Key", manifest.custom().getOrDefault(MultipartUploads.KEY, ""))
          .element("UploadId", MultipartUploads.uploadIdOf(manifest))
          .element("Initiated", S3Params.iso(Long.parseLong(manifest.custom().getOrDefault(MultipartUploads.INITIATED, "0"))))
          .close("Upload");
    }
    return xml.close("ListMultipartUploadsResult").response();
  }
}
