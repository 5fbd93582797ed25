package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.List;

/** Object checksum policy: the type computed on write and when to validate on read. */
public record ChecksumConf(
    String type,
    @JsonProperty("validate_cold_get") boolean validateColdGet,
    @JsonProperty("validate_warm_get") boolean validateWarmGet,
    @JsonProperty("validate_obj_move") boolean validateObjMove,
    @JsonProperty("enable_read_range") boolean enableReadRange) {

  /** Checksum types AIS accepts (docs/native-api.md#buckets). */
  public static final List<String> TYPES = List.of("none", "xxhash", "xxhash2", "md5", "crc32c", "sha256", "sha512");

  public static final ChecksumConf DEFAULT = new ChecksumConf("xxhash2", false, false, false, false);

  public ChecksumConf {
    type = type == null || type.isEmpty() ? "xxhash2" : type;
    if (!TYPES.contains(type)) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "checksum.type: \"" + type + "\" (expected: one of " + TYPES + ")");
    }
  }
}
