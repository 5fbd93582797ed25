package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/** Erasure coding across targets. */
public record EcConf(
    String compression,
    @JsonProperty("bundle_multiplier") int bundleMultiplier,
    @JsonProperty("burst_buffer") int burstBuffer,
    @JsonProperty("objsize_limit") long objSizeLimit,
    @JsonProperty("data_slices") int dataSlices,
    @JsonProperty("parity_slices") int paritySlices,
    boolean enabled,
    @JsonProperty("disk_only") boolean diskOnly) {

  public static final EcConf DEFAULT = new EcConf("never", 2, 128, 262144, 1, 1, false, false);

  public EcConf {
    compression = compression == null || compression.isEmpty() ? "never" : compression;
    if (dataSlices < 1 || dataSlices > 32) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "ec.data_slices: " + dataSlices + " (expected: 1..32)");
    }
    if (paritySlices < 1 || paritySlices > 32) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "ec.parity_slices: " + paritySlices + " (expected: 1..32)");
    }
    if (objSizeLimit < 0) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "ec.objsize_limit: " + objSizeLimit + " (expected: >= 0)");
    }
  }
}
