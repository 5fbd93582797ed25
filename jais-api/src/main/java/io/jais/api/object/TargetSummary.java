package io.jais.api.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One target's contribution to a bucket summary (intra-cluster): how many objects it holds under
 * a prefix, their total, smallest and largest size, the bytes they occupy on disk and the total
 * size of its disks.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetSummary(long count, long size, long minSize, long maxSize, long onDisk, long disks) {
  public static final TargetSummary EMPTY = new TargetSummary(0, 0, 0, 0, 0, 0);

  /** Both summaries together (min/max ignore empty sides). */
  public TargetSummary plus(TargetSummary other) {
    long min = count == 0 ? other.minSize : other.count == 0 ? minSize : Math.min(minSize, other.minSize);
    return new TargetSummary(count + other.count, size + other.size, min, Math.max(maxSize, other.maxSize),
        onDisk + other.onDisk, disks + other.disks);
  }
}
