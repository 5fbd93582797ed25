package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The value of {@code delete-listrange} (AIS {@code apc.EvdMsg}): which objects, and how.
 *
 * @param template range template or prefix; see {@link ObjectSelection}
 * @param names listed object names
 * @param workers parallel deletions per target: 0 for the default, -1 for one at a time
 * @param continueOnError keep going after a failed object (the errors are still reported)
 * @param nonRecursive with a prefix: only objects directly under it, not in its "subdirectories"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record DeleteObjectsMsg(
    @JsonProperty("template") String template,
    @JsonProperty("objnames") List<String> names,
    @JsonProperty("num-workers") int workers,
    @JsonProperty("coer") boolean continueOnError,
    @JsonProperty("non-recurs") boolean nonRecursive) {

  /** Checks the selection; see {@link ObjectSelection#of}. */
  @JsonIgnore
  public ObjectSelection selection() {
    return ObjectSelection.of(names, template);
  }
}
