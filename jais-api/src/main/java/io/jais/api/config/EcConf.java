package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * Erasure coding across targets: objects of at least {@code objsize_limit} bytes are cut into
 * {@code data_slices} data and {@code parity_slices} parity slices on as many other targets; smaller
 * ones (all of them with -1) are replicated on {@code parity_slices} other targets.
 */
public record EcConf(
    String compression,
    @JsonProperty("bundle_multiplier") int bundleMultiplier,
    @JsonProperty("burst_buffer") int burstBuffer,
    @JsonProperty("objsize_limit") long objSizeLimit,
    @JsonProperty("data_slices") int dataSlices,
    @JsonProperty("parity_slices") int paritySlices,
    boolean enabled,
    @JsonProperty("disk_only") boolean diskOnly) {

  /** {@code objsize_limit} that replicates every object (P+1 copies) instead of slicing any. */
  public static final long ALWAYS_REPLICATE = -1;

  public static final EcConf DEFAULT = new EcConf("never", 2, 128, 262144, 1, 1, false, false);

  public EcConf {
    compression = compression == null || compression.isEmpty() ? "never" : compression;
    if (dataSlices < 1 || dataSlices > 32) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "ec.data_slices: " + dataSlices + " (expected: 1..32)");
    }
    if (paritySlices < 1 || paritySlices > 32) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "ec.parity_slices: " + paritySlices + " (expected: 1..32)");
    }
    if (objSizeLimit < ALWAYS_REPLICATE) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "ec.objsize_limit: " + objSizeLimit
          + " (expected: -1 to replicate every object, 0 to slice every object, or a size in bytes)");
    }
  }

  /** Targets a bucket with these settings needs: the owner plus D+P, or P+1 when every object is replicated. */
  public int requiredTargets() {
    return objSizeLimit == ALWAYS_REPLICATE ? paritySlices + 1 : dataSlices + paritySlices + 1;
  }
}
