package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.PutArgs;
import io.jais.node.objects.StagedObjects;
import io.jais.node.storage.ObjectMeta;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * CompleteMultipartUpload: checks the client's part list against the stored parts (ascending,
 * present, ETags equal, all but the last at least 5 MiB), streams the parts into the object in one
 * store commit, then removes the upload. Nothing changes when a check fails.
 */
final class CompleteMultipartOp {
  static final long MIN_PART_SIZE = 5L << 20;
  private static final int MAX_BODY = 1 << 20;

  private record ListedPart(int number, String etag) {}

  private final ObjectService objects;
  private final StagedObjects staged;
  private final MultipartUploads uploads;
  private final Bucket bucket;
  private final String key;
  private final String uploadId;
  private final ObjectMeta manifest;

  CompleteMultipartOp(ObjectService objects, StagedObjects staged, MultipartUploads uploads, Bucket bucket, String key,
      String uploadId, ObjectMeta manifest) {
    this.objects = objects;
    this.staged = staged;
    this.uploads = uploads;
    this.bucket = bucket;
    this.key = key;
    this.uploadId = uploadId;
    this.manifest = manifest;
  }

  Response run(Request request) throws Exception {
    List<ListedPart> listed = parse(request.bodyBytes(MAX_BODY));
    List<String> names = new ArrayList<>(listed.size());
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long total = 0;
    for (int i = 0; i < listed.size(); i++) {
      ListedPart part = listed.get(i);
      ObjectMeta meta = uploads.part(bucket, uploadId, part.number())
          .orElseThrow(() -> invalidPart(part.number()));
      String stored = meta.custom().getOrDefault(S3Metadata.ETAG, "");
      if (!stored.equals(unquote(part.etag()))) {
        throw invalidPart(part.number());
      }
      if (i < listed.size() - 1 && meta.size() < MIN_PART_SIZE) {
        throw new S3Exception(S3Error.ENTITY_TOO_SMALL, "part " + part.number() + " is " + meta.size()
            + " bytes; every part but the last must be at least " + MIN_PART_SIZE);
      }
      md5.update(HexFormat.of().parseHex(stored));
      names.add(MultipartUploads.partName(uploadId, part.number()));
      total += meta.size();
    }
    String etag = HexFormat.of().formatHex(md5.digest()) + "-" + listed.size();
    Map<String, String> custom = new LinkedHashMap<>(manifest.custom());
    custom.remove(MultipartUploads.KEY);
    custom.remove(MultipartUploads.INITIATED);
    PartsSource body = new PartsSource(staged, MultipartUploads.shadow(bucket), names, total);
    try {
      objects.put(bucket, key, body, PutArgs.customAfterBody(() -> S3Metadata.committed(custom, etag)), Caller.USER);
    } finally {
      body.closeCurrent();
    }
    uploads.remove(bucket, uploadId);
    return new XmlWriter().root("CompleteMultipartUploadResult")
        .element("Location", "/" + bucket.name() + "/" + key).element("Bucket", bucket.name())
        .element("Key", key).element("ETag", "\"" + etag + "\"")
        .close("CompleteMultipartUploadResult").response();
  }

  private static List<ListedPart> parse(byte[] body) {
    Element root = XmlReader.parse(body, "CompleteMultipartUpload");
    List<ListedPart> parts = new ArrayList<>();
    for (Element part : XmlReader.children(root, "Part")) {
      String number = XmlReader.text(part, "PartNumber");
      String etag = XmlReader.text(part, "ETag");
      if (number == null || etag == null) {
        throw XmlReader.malformed("<Part> needs <PartNumber> and <ETag>");
      }
      int value = S3TargetMultipartHandler.partNumber(number);
      if (!parts.isEmpty() && value <= parts.get(parts.size() - 1).number()) {
        throw new S3Exception(S3Error.INVALID_PART_ORDER, null);
      }
      parts.add(new ListedPart(value, etag));
    }
    if (parts.isEmpty()) {
      throw XmlReader.malformed("no <Part> in <CompleteMultipartUpload>");
    }
    return parts;
  }

  private static String unquote(String etag) {
    String value = etag.strip();
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  private static S3Exception invalidPart(int number) {
    return new S3Exception(S3Error.INVALID_PART, "part " + number + " was not uploaded or its ETag does not match");
  }
}
