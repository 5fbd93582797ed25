package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;
import java.util.Map;

/**
 * The value of {@code copy-bck} (AIS {@code apc.TCBMsg}): copy a whole bucket, or the objects
 * under a prefix, to the bucket named by the request's {@code bck_to}. Each object {@code name}
 * becomes {@code prepend + name} after the extension mapping {@code ext}, as in
 * {@link CopyObjectsMsg}.
 *
 * @param prefix only objects whose names start with this
 * @param prepend prefix added to every destination name
 * @param extensions extension mapping ({@code {"jpg":"png"}}), or null
 * @param dryRun visit and count the objects, copy nothing (and create no destination)
 * @param force AIS: run even when conflicting jobs run
 * @param latest AIS: revalidate remote sources (JAIS has no remote buckets: no effect)
 * @param sync delete destination objects under the prefix whose source no longer exists
 * @param workers parallel copies per target: 0 for the default, -1 for one at a time
 * @param continueOnError keep going after a failed object
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CopyBucketMsg(
    @JsonProperty("prefix") String prefix,
    @JsonProperty("prepend") String prepend,
    @JsonProperty("ext") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> extensions,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("force") boolean force,
    @JsonProperty("latest-ver") boolean latest,
    @JsonProperty("synchronize") boolean sync,
    @JsonProperty("num-workers") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int workers,
    @JsonProperty("coer") boolean continueOnError) {

  public CopyBucketMsg {
    prefix = prefix == null ? "" : prefix;
    prepend = prepend == null ? "" : prepend;
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  /** The same copy as a multi-object copy of the prefix, which is how every target runs it. */
  public CopyObjectsMsg toObjects(Bucket destination) {
    return new CopyObjectsMsg(destination, "", null, prepend, prefix, extensions, dryRun, force, latest, sync,
        workers, continueOnError, false);
  }
}
