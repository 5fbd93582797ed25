package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/** N-way mirroring within a target. */
public record MirrorConf(long copies, @JsonProperty("burst_buffer") int burstBuffer, boolean enabled) {
  public static final MirrorConf DEFAULT = new MirrorConf(2, 128, false);

  public MirrorConf {
    if (copies < 1 || copies > 32) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "mirror.copies: " + copies + " (expected: 1..32)");
    }
  }
}
