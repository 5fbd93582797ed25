package io.jais.node.target;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jais.api.ActMsg;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ObjectMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AIS native multipart upload on the target that owns the object (the proxy redirects every
 * request of an upload by the object's name): {@code mpt-upload} answers a new upload ID, a PUT
 * with {@code uploadId} and {@code partNumber} stores a part, {@code mpt-complete} assembles the
 * object and {@code mpt-abort} drops the upload. The uploads are the same as S3's
 * ({@link MultipartUploads}): an upload started through one API may be continued through the other.
 *
 * <p>AIS's rules and words: an empty part is refused ({@code invalid size (0)}); a completion
 * lists every uploaded part exactly once, as numbers 1..N in any order ({@code partial completion
 * is not allowed}, {@code parts must be exactly 1..N}); completing an upload without parts is
 * {@code no chunks}; an upload that is not (or no longer) in progress {@code does not exist}. All
 * are 4xx and change nothing. ETags in the list are not checked (AIS ignores them for ais buckets).
 */
final class NativeMultipart {
  static final String UPLOAD_ID = "uploadId";
  static final String PART_NUMBER = "partNumber";
  private static final int MAX_COMPLETE_BODY = 1 << 20;

  /** One entry of {@code mpt-complete}'s value (AIS {@code apc.MptCompletedPart}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record CompletedPart(@JsonProperty("part-number") int number, @JsonProperty("etag") String etag) {}

  private static final TypeReference<List<CompletedPart>> PART_LIST = new TypeReference<>() {};

  private final MultipartUploads uploads;

  NativeMultipart(MultipartUploads uploads) {
    this.uploads = uploads;
  }

  /** {@code mpt-upload}: the new upload's ID as text. */
  Response create(Bucket bucket, String name) throws Exception {
    return Response.text(uploads.create(bucket, name, Map.of()));
  }

  /** PUT of one part. */
  Response putPart(Request request, Bucket bucket, String name) throws Exception {
    String uploadId = request.query(UPLOAD_ID);
    int part = partNumber(request.query(PART_NUMBER));
    requireUpload(bucket, name, uploadId);
    io.jais.node.storage.ByteBufSource body = request.body();
    String empty = bucket.uri() + "/" + name + ": put-part invalid size (0)";
    if (body.declaredLength() == 0) {
      throw JaisException.invalid(empty);
    }
    uploads.putPart(bucket, uploadId, part, new NonEmpty(body, empty), Map::of);
    return Response.ok();
  }

  /**
   * A body that fails at its end when it carried no byte: a chunked body declares no length, so
   * only its end tells that it is empty. Failing inside the write leaves the work file
   * uncommitted (deleted), so a part stored before under that number stays as it was.
   */
  private static final class NonEmpty implements io.jais.node.storage.ByteBufSource {
    private final io.jais.node.storage.ByteBufSource body;
    private final String error;
    private boolean seenBytes;

    NonEmpty(io.jais.node.storage.ByteBufSource body, String error) {
      this.body = body;
      this.error = error;
    }

    @Override
    public io.netty.buffer.ByteBuf next() throws java.io.IOException {
      io.netty.buffer.ByteBuf chunk = body.next();
      if (chunk == null && !seenBytes) {
        throw JaisException.invalid(error);
      }
      seenBytes |= chunk != null && chunk.isReadable();
      return chunk;
    }

    @Override
    public long declaredLength() {
      return body.declaredLength();
    }
  }

  /** {@code mpt-complete}, with the client's part list as the action's value. */
  Response complete(Request request, Bucket bucket, String name, ActMsg msg) throws Exception {
    String uploadId = request.query(UPLOAD_ID);
    List<CompletedPart> listed = msg.hasValue() ? WireJson.MAPPER.convertValue(msg.value(), PART_LIST) : null;
    if (listed == null) {
      throw JaisException.invalid("mpt-complete " + bucket.uri() + "/" + name + ": nil parts list");
    }
    return uploads.exclusively(uploadId == null ? "" : uploadId, () -> {
      requireUpload(bucket, name, uploadId);
      List<ListEntry> stored = uploads.parts(bucket, uploadId);
      if (stored.isEmpty()) {
        throw JaisException.invalid("upload " + uploadId + " of " + bucket.uri() + "/" + name + ": no chunks");
      }
      if (listed.size() != stored.size()) {
        throw JaisException.invalid("partial completion is not allowed: requested " + listed.size() + " parts, have "
            + stored.size());
      }
      List<CompletedPart> sorted = new ArrayList<>(listed);
      sorted.sort(Comparator.comparingInt(CompletedPart::number));
      List<Integer> numbers = new ArrayList<>(sorted.size());
      List<ObjectMeta> parts = new ArrayList<>(sorted.size());
      for (int i = 0; i < sorted.size(); i++) {
        int number = sorted.get(i).number();
        ListEntry entry = stored.get(i);
        if (number != i + 1 || MultipartUploads.partNumber(entry) != number) {
          throw JaisException.invalid("parts must be exactly 1.." + stored.size() + ": got " + number + " at position " + i);
        }
        numbers.add(number);
        parts.add(uploads.part(bucket, uploadId, number).orElseThrow(() -> JaisException.invalid(
            "upload " + uploadId + ": part " + number + " is gone")));
      }
      uploads.complete(bucket, name, uploadId, parts, numbers, layout -> {
        Map<String, String> custom = new LinkedHashMap<>();
        layout.text().ifPresent(text -> custom.put(io.jais.node.objects.PartLayout.KEY, text));
        return custom;
      }, Caller.USER);
      return Response.ok();
    });
  }

  /** {@code mpt-abort}. */
  Response abort(Request request, Bucket bucket, String name) throws Exception {
    String uploadId = request.query(UPLOAD_ID);
    return uploads.exclusively(uploadId == null ? "" : uploadId, () -> {
      requireUpload(bucket, name, uploadId);
      uploads.remove(bucket, uploadId);
      return Response.ok();
    });
  }

  private void requireUpload(Bucket bucket, String name, String uploadId) throws java.io.IOException {
    if (uploadId == null || uploadId.isEmpty()) {
      throw JaisException.invalid(bucket.uri() + "/" + name + ": missing " + UPLOAD_ID);
    }
    if (uploads.findManifest(bucket, name, uploadId).isEmpty()) {
      throw new JaisException(ErrorCode.NOT_FOUND, bucket.uri() + "/" + name + ": upload " + uploadId
          + " does not exist");
    }
  }

  private static int partNumber(String value) {
    try {
      int part = Integer.parseInt(value == null ? "" : value);
      if (part >= 1 && part <= MultipartUploads.MAX_PART_NUMBER) {
        return part;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw JaisException.invalid("invalid part number \"" + value + "\": must be an integer between 1 and "
        + MultipartUploads.MAX_PART_NUMBER);
  }
}
