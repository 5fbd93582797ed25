package io.jais.node.objects;

import io.jais.node.storage.ByteRange;
import io.jais.node.storage.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part sizes of a completed multipart upload, kept with the object in its custom metadata
 * ({@value #KEY}) so GetObject and HeadObject can serve {@code ?partNumber=N}. Part N is the N-th
 * part of the completion's list (as every S3 client numbers them: 1, 2, 3, ...).
 *
 * <p>Stored as runs of equal sizes, {@code <size>x<count>} joined by {@code ,} with a count of 1
 * left out: what the aws CLI, boto3, rclone and the SDKs' transfer managers upload (equal parts but
 * the last) is {@code 8388608x12,1234}. A layout whose text would exceed {@value #MAX_TEXT} bytes
 * (hundreds of different part sizes) is not kept: the native API shows every custom value as a
 * header, which must stay short; such objects answer partNumber requests with NotImplemented.
 *
 * @param runs the parts in order, as runs of equal sizes
 */
public record PartLayout(List<Run> runs) {
  /** The custom metadata key (named when S3 was its only user; kept so stored objects still read). */
  public static final String KEY = "S3Parts";
  /** Custom metadata of an object completed through S3: its ETag, {@code <md5>-N} for N parts. */
  private static final String ETAG = "ETag";
  static final int MAX_TEXT = 2048;
  private static final int MAX_PARTS = MultipartUploads.MAX_PART_NUMBER;
  /** Any size whose runs cannot overflow a long when added up. */
  private static final long MAX_PART_SIZE = Long.MAX_VALUE / MAX_PARTS;

  /** {@code count} consecutive parts of {@code size} bytes each. */
  public record Run(long size, int count) {}

  public PartLayout {
    runs = List.copyOf(runs);
  }

  /** The layout of parts of these sizes, in order. */
  public static PartLayout of(List<Long> sizes) {
    List<Run> runs = new ArrayList<>();
    for (long size : sizes) {
      int last = runs.size() - 1;
      if (last >= 0 && runs.get(last).size() == size) {
        runs.set(last, new Run(size, runs.get(last).count() + 1));
      } else {
        runs.add(new Run(size, 1));
      }
    }
    return new PartLayout(runs);
  }

  /** The text kept in the custom metadata; empty when it would be longer than {@value #MAX_TEXT}. */
  public Optional<String> text() {
    StringBuilder text = new StringBuilder();
    for (Run run : runs) {
      text.append(text.isEmpty() ? "" : ",").append(run.size());
      if (run.count() > 1) {
        text.append('x').append(run.count());
      }
      if (text.length() > MAX_TEXT) {
        return Optional.empty();
      }
    }
    return Optional.of(text.toString());
  }

  /** Reads {@link #text()}; empty when the text is not a layout. */
  public static Optional<PartLayout> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    List<Run> runs = new ArrayList<>();
    try {
      for (String item : text.split(",", -1)) {
        int x = item.indexOf('x');
        long size = Long.parseLong(x < 0 ? item : item.substring(0, x));
        int count = x < 0 ? 1 : Integer.parseInt(item.substring(x + 1));
        if (size < 0 || size > MAX_PART_SIZE || count < 1 || count > MAX_PARTS) {
          return Optional.empty();
        }
        runs.add(new Run(size, count));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    PartLayout layout = new PartLayout(runs);
    return layout.count() <= MAX_PARTS ? Optional.of(layout) : Optional.empty();
  }

  /**
   * The layout kept with a multipart object, if it matches the object: as many parts as its ETag's
   * {@code -N} says, summing to its size (a native write that replaced the bytes but kept the
   * custom metadata would not).
   */
  public static Optional<PartLayout> of(ObjectMeta meta) {
    return parse(meta.custom().get(KEY))
        .filter(layout -> layout.total() == meta.size() && layout.count() == multipartCount(meta));
  }

  /** The N of a multipart ETag ({@code <md5>-N}); 0 for an object that was not uploaded in parts. */
  public static int multipartCount(ObjectMeta meta) {
    String etag = meta.custom().getOrDefault(ETAG, "");
    int dash = etag.lastIndexOf('-');
    if (dash < 0) {
      return 0;
    }
    try {
      return Integer.parseInt(etag.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public int count() {
    int count = 0;
    for (Run run : runs) {
      count += run.count();
    }
    return count;
  }

  /** The largest part's size (AIS's {@code Ais-Chunks-Max-Chunk-Size}). */
  public long maxSize() {
    long max = 0;
    for (Run run : runs) {
      max = Math.max(max, run.size());
    }
    return max;
  }

  /**
   * The layout of an object assembled from parts, in whichever API: kept, readable and adding up
   * to the object's size. For S3's reads by part number see {@link #of(ObjectMeta)}.
   */
  public static Optional<PartLayout> chunks(ObjectMeta meta) {
    return parse(meta.custom().get(KEY)).filter(layout -> layout.total() == meta.size());
  }

  public long total() {
    long total = 0;
    for (Run run : runs) {
      total += run.size() * run.count();
    }
    return total;
  }

  /** Where part {@code number} (1-based, at most {@link #count()}) lies in the object. */
  public ByteRange part(int number) {
    long offset = 0;
    int before = number - 1;
    for (Run run : runs) {
      if (before < run.count()) {
        return new ByteRange(offset + before * run.size(), run.size());
      }
      offset += run.size() * run.count();
      before -= run.count();
    }
    throw new IllegalArgumentException("part " + number + " of " + count());
  }
}
