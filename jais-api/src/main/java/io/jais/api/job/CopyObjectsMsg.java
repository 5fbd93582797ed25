package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;
import java.util.List;
import java.util.Map;

/**
 * The value of {@code copy-listrange} (AIS {@code cmn.TCOMsg}): which objects, where to, under
 * which names. Each selected object is copied to {@code tobck} as {@code prepend + name}, after
 * the extension mapping {@code ext} (e.g. {@code {"jpg":"png"}}) if the name's extension is in it.
 *
 * @param destination {@code tobck}: the destination bucket (may be the source)
 * @param template range template or prefix; see {@link ObjectSelection}
 * @param names listed object names
 * @param prepend prefix added to every destination name
 * @param prefix with a template selection, only names starting with this
 * @param extensions extension mapping, or null
 * @param dryRun visit and count the objects, copy nothing
 * @param force AIS: run even when conflicting jobs run
 * @param latest AIS: revalidate remote sources (no remote buckets in JAIS)
 * @param sync delete the destination objects whose source is gone (the selected names; with a
 *     prefix, every destination object under it)
 * @param workers parallel copies per target: 0 for the default, -1 for one at a time
 * @param continueOnError keep going after a failed object
 * @param nonRecursive with a prefix: only objects directly under it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CopyObjectsMsg(
    @JsonProperty("tobck") Bucket destination,
    @JsonProperty("template") String template,
    @JsonProperty("objnames") List<String> names,
    @JsonProperty("prepend") String prepend,
    @JsonProperty("prefix") String prefix,
    @JsonProperty("ext") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> extensions,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("force") boolean force,
    @JsonProperty("latest-ver") boolean latest,
    @JsonProperty("synchronize") boolean sync,
    @JsonProperty("num-workers") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int workers,
    @JsonProperty("coer") boolean continueOnError,
    @JsonProperty("non-recurs") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nonRecursive) {

  public CopyObjectsMsg {
    prepend = prepend == null ? "" : prepend;
    prefix = prefix == null ? "" : prefix;
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  /** Checks the selection; see {@link ObjectSelection#of}. */
  @JsonIgnore
  public ObjectSelection selection() {
    return ObjectSelection.of(names, template);
  }

  /** The destination name of a source object: extension mapped, then {@code prepend} added (AIS {@code ToName}). */
  public String destinationName(String name) {
    String mapped = name;
    int dot = name.lastIndexOf('.');
    if (dot >= 0 && !extensions.isEmpty()) {
      String replacement = extensions.get(name.substring(dot + 1));
      if (replacement != null) {
        mapped = name.substring(0, dot + 1) + replacement.replaceFirst("^\\.+", "");
      }
    }
    return prepend + mapped;
  }
}
