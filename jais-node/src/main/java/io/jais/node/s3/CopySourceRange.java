package io.jais.node.s3;

import io.jais.node.storage.ByteRange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UploadPartCopy's {@code x-amz-copy-source-range}. Unlike a GET's {@code Range}, which HTTP lets a
 * server ignore when malformed and clamp when too long, S3 copies exactly the bytes named or
 * nothing: the value must be {@code bytes=first-last} (one range, both offsets, first &le; last), else
 * InvalidArgument before anything is read; and the range must lie within the source object, else
 * InvalidArgument naming the source's size (what S3 answers; a range is never clamped).
 */
final class CopySourceRange {
  static final String HEADER = "x-amz-copy-source-range";
  private static final Pattern FORM = Pattern.compile("bytes=(\\d{1,18})-(\\d{1,18})");

  private CopySourceRange() {}

  /** The range the header names, its form checked; the size of the source is not known yet. */
  static ByteRange parse(String header) {
    Matcher m = FORM.matcher(header);
    if (m.matches()) {
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      if (first <= last) {
        return new ByteRange(first, last - first + 1);
      }
    }
    throw new S3Exception(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form"
        + " bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
        + " (got \"" + header + "\")");
  }

  /** The range of {@code header} within a source of {@code size} bytes. */
  static ByteRange within(String header, long size) {
    ByteRange range = parse(header);
    if (range.last() >= size) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "Range specified is not valid for source object of size: "
          + size + " (" + header + ")");
    }
    return range;
  }
}
