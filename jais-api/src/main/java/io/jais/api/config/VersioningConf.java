package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Object versioning: ais buckets bump the version on every overwrite when enabled. */
public record VersioningConf(
    boolean enabled,
    @JsonProperty("validate_warm_get") boolean validateWarmGet,
    boolean synchronize) {
  public static final VersioningConf DEFAULT = new VersioningConf(true, false, false);
}
