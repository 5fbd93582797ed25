package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.objects.PartLayout;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>The completed object keeps, besides its ETag, the part sizes ({@link PartLayout}, for GETs by
 * part number) and which upload made it with which part list ({@value #UPLOAD}: the upload ID and
 * a digest of the list). That is the memory of completed uploads: a Complete whose upload is gone
 * (a client retrying after a timeout, S3 SDKs do) is answered as the first one was, same ETag and
 * location, when the object at the key is still the one that upload completed with the same part
 * list; otherwise NoSuchUpload. It needs no table to bound or expire, survives restarts and moves
 * with the object, and forgets an upload exactly when its object is overwritten or deleted.
 */
final class CompleteMultipartOp {
  static final long MIN_PART_SIZE = 5L << 20;
  static final int MAX_BODY = 1 << 20;
  /** Custom metadata of a completed object: {@code <upload ID>:<digest of the part list>}. */
  static final String UPLOAD = "S3Upload";

  /** One {@code <Part>} of the client's list, its ETag unquoted. */
  record ListedPart(int number, String etag) {}

  private final MultipartUploads uploads;
  private final Bucket bucket;
  private final String key;
  private final String uploadId;
  private final ObjectMeta manifest;

  CompleteMultipartOp(MultipartUploads uploads, Bucket bucket, String key, String uploadId, ObjectMeta manifest) {
    this.uploads = uploads;
    this.bucket = bucket;
    this.key = key;
    this.uploadId = uploadId;
    this.manifest = manifest;
  }

  Response run(List<ListedPart> listed) throws Exception {
    List<ObjectMeta> parts = new ArrayList<>(listed.size());
    List<Integer> numbers = new ArrayList<>(listed.size());
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    for (int i = 0; i < listed.size(); i++) {
      ListedPart part = listed.get(i);
      ObjectMeta meta = uploads.part(bucket, uploadId, part.number())
          .orElseThrow(() -> invalidPart(part.number()));
      String stored = meta.custom().getOrDefault(S3Metadata.ETAG, "");
      if (!stored.equals(part.etag())) {
        throw invalidPart(part.number());
      }
      if (i < listed.size() - 1 && meta.size() < MIN_PART_SIZE) {
        throw new S3Exception(S3Error.ENTITY_TOO_SMALL, "part " + part.number() + " is " + meta.size()
            + " bytes; every part but the last must be at least " + MIN_PART_SIZE);
      }
      md5.update(HexFormat.of().parseHex(stored));
      parts.add(meta);
      numbers.add(part.number());
    }
    String etag = HexFormat.of().formatHex(md5.digest()) + "-" + listed.size();
    Map<String, String> custom = new LinkedHashMap<>(manifest.custom());
    custom.remove(MultipartUploads.KEY);
    custom.remove(MultipartUploads.INITIATED);
    custom.put(UPLOAD, completion(uploadId, listed));
    uploads.complete(bucket, key, uploadId, parts, numbers, layout -> {
      layout.text().ifPresent(text -> custom.put(PartLayout.KEY, text));
      return S3Metadata.committed(custom, etag);
    }, Caller.USER);
    return result(bucket, key, etag);
  }

  /**
   * A Complete of an upload that is not in progress: the answer of its completion when the object
   * at the key is what this upload with this part list completed, else NoSuchUpload.
   */
  static Response retried(ObjectService objects, Bucket bucket, String key, String uploadId, byte[] body)
      throws IOException {
    ObjectMeta meta;
    try {
      meta = objects.head(bucket, key, Caller.USER);
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
        throw S3TargetMultipartHandler.noSuchUpload(uploadId);
      }
      throw e;
    }
    String completed = meta.custom().get(UPLOAD);
    if (completed == null || !completed.startsWith(uploadId + ":")) {
      throw S3TargetMultipartHandler.noSuchUpload(uploadId);
    }
    if (!completed.equals(completion(uploadId, parse(body)))) {
      throw new S3Exception(S3Error.NO_SUCH_UPLOAD, "The specified multipart upload does not exist: " + uploadId
          + " was completed with another part list");
    }
    return result(bucket, key, meta.custom().getOrDefault(S3Metadata.ETAG, ""));
  }

  private static Response result(Bucket bucket, String key, String etag) {
    return new XmlWriter().root("CompleteMultipartUploadResult")
        .element("Location", "/" + bucket.name() + "/" + key).element("Bucket", bucket.name())
        .element("Key", key).element("ETag", "\"" + etag + "\"")
        .close("CompleteMultipartUploadResult").response();
  }

  /** {@value #UPLOAD}'s value: the upload ID and the MD5 of the part list ({@code number:etag} lines). */
  private static String completion(String uploadId, List<ListedPart> listed) {
    StringBuilder list = new StringBuilder();
    for (ListedPart part : listed) {
      list.append(part.number()).append(':').append(part.etag()).append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(list.toString().getBytes(StandardCharsets.UTF_8));
      return uploadId + ":" + HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  /** The client's part list: MalformedXML, InvalidArgument (a part number) or InvalidPartOrder. */
  static List<ListedPart> parse(byte[] body) {
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
      parts.add(new ListedPart(value, unquote(etag)));
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
