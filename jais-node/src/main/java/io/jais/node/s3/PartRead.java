package io.jais.node.s3;

import io.jais.node.http.Response;
import io.jais.node.objects.PartLayout;
import io.jais.node.storage.ByteRange;
import io.jais.node.storage.ObjectMeta;

/**
 * GetObject and HeadObject by {@code ?partNumber}: which bytes of the object part N is, from the
 * part sizes a multipart object keeps ({@link PartLayout}), and how S3 answers for it.
 */
final class PartRead {
  private PartRead() {}

  /**
   * Part {@code number} of the object: of a multipart object the bytes of that part (206 with
   * {@code Content-Range} and {@code x-amz-mp-parts-count}); of any other object part 1 is all of it
   * (206 with the whole range, as S3). A part that does not exist is 416 InvalidPartNumber.
   */
  static ByteRange select(int number, ObjectMeta meta, Response.Builder response) {
    int count = PartLayout.multipartCount(meta);
    ByteRange part;
    if (count == 0) {
      if (number > 1) {
        throw invalidPartNumber(number, 1);
      }
      part = new ByteRange(0, meta.size());
    } else {
      PartLayout layout = PartLayout.of(meta).orElseThrow(() -> new S3Exception(S3Error.NOT_IMPLEMENTED,
          "GetObject by partNumber is not implemented for this object: its part sizes were not kept (completed"
              + " before JAIS kept them, or too many different part sizes)"));
      if (number > layout.count()) {
        throw invalidPartNumber(number, layout.count());
      }
      part = layout.part(number);
      response.header("x-amz-mp-parts-count", Integer.toString(layout.count()));
    }
    if (part.length() > 0) {
      response.status(206).header("Content-Range", part.contentRange(meta.size()));
    }
    return part;
  }

  private static S3Exception invalidPartNumber(int requested, int count) {
    return new S3Exception(S3Error.INVALID_PART_NUMBER, "The requested partnumber is not satisfiable: part "
        + requested + " of an object of " + count + (count == 1 ? " part" : " parts"));
  }
}
