package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * Capacity watermarks and cleanup timing (AIS {@code space} section), in percent of each
 * mountpath's filesystem: LRU eviction starts above {@code highwm} and evicts down to
 * {@code lowwm}; store cleanup leaves alone anything written or touched within
 * {@code dont_cleanup_time}.
 *
 * @param cleanupWm used capacity that calls for a cleanup (AIS; informational in JAIS)
 * @param lowWm LRU evicts down to this
 * @param highWm LRU starts above this
 * @param outOfSpace used capacity above which AIS refuses PUTs (informational in JAIS)
 * @param dontCleanupTime Go duration, e.g. {@code 30m}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpaceConf(
    @JsonProperty("cleanupwm") long cleanupWm,
    @JsonProperty("lowwm") long lowWm,
    @JsonProperty("highwm") long highWm,
    @JsonProperty("out_of_space") long outOfSpace,
    @JsonProperty("dont_cleanup_time") String dontCleanupTime) {

  public static final SpaceConf DEFAULT = new SpaceConf(65, 75, 90, 95, "30m");

  public SpaceConf {
    if (cleanupWm == 0 && lowWm == 0 && highWm == 0 && outOfSpace == 0) { // an absent section
      cleanupWm = 65;
      lowWm = 75;
      highWm = 90;
      outOfSpace = 95;
    }
    for (long percent : new long[] {cleanupWm, lowWm, highWm, outOfSpace}) {
      if (percent <= 0 || percent > 100) {
        throw new JaisException(ErrorCode.INVALID_CONFIG, "space: watermarks are percentages in 1..100, got " + percent);
      }
    }
    if (!(lowWm < highWm && highWm <= outOfSpace)) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "space: expecting lowwm < highwm <= out_of_space, got "
          + lowWm + ", " + highWm + ", " + outOfSpace);
    }
    dontCleanupTime = GoDuration.validate("space.dont_cleanup_time", dontCleanupTime, "30m");
  }
}
