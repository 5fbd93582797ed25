package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The value of {@code summary-bck} (AIS {@code BsummCtrlMsg}, docs/native-api.md#summary-and-info):
 * empty {@code uuid} starts
 * a summary, a job ID polls it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SummaryMsg(
    String uuid,
    String prefix,
    boolean cached,
    boolean present,
    @JsonProperty("dont_add_remote") boolean dontAddRemote) {
  public SummaryMsg {
    uuid = uuid == null ? "" : uuid;
    prefix = prefix == null ? "" : prefix;
  }
}
