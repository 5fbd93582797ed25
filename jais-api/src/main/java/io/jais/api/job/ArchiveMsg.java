package io.jais.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;
import java.util.List;

/**
 * The value of {@code archive} ({@code PUT /v1/buckets/<b>}, AIS {@code apc.ArchiveMsg}): which
 * objects of the bucket go into which shard.
 *
 * @param destination {@code tobck}: the shard's bucket (empty or null: the source bucket)
 * @param archname the shard's name, with an archive extension
 * @param mime the format, when it should not be taken from the name (must agree with it)
 * @param template range template or prefix; see {@link ObjectSelection}
 * @param names listed object names
 * @param baseNameOnly name each member by the object's base name (no virtual directories)
 * @param includeSourceBucket prefix each member's name with the source bucket's name
 * @param appendIfExists add to the shard if it exists (else it is replaced)
 * @param continueOnError skip objects that cannot be read instead of failing the shard
 * @param nonRecursive with a prefix: only objects directly under it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveMsg(
    @JsonProperty("tobck") Bucket destination,
    @JsonProperty("archname") String archname,
    @JsonProperty("mime") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mime,
    @JsonProperty("template") String template,
    @JsonProperty("objnames") List<String> names,
    @JsonProperty("bnonly") boolean baseNameOnly,
    @JsonProperty("isbn") boolean includeSourceBucket,
    @JsonProperty("aate") boolean appendIfExists,
    @JsonProperty("coer") boolean continueOnError,
    @JsonProperty("non-recurs") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nonRecursive) {

  public ArchiveMsg {
    archname = archname == null ? "" : archname;
    mime = mime == null ? "" : mime;
  }

  /** Checks the selection; see {@link ObjectSelection#of}. */
  @JsonIgnore
  public ObjectSelection selection() {
    return ObjectSelection.of(names, template);
  }

  /** The shard's bucket: {@code tobck}, or the source when none is named. */
  public Bucket destinationOr(Bucket source) {
    return destination == null || destination.name().isEmpty() ? source : destination;
  }

  /** The member name of a source object (AIS {@code nameInArch}). */
  public String memberName(Bucket source, String objectName) {
    String name = baseNameOnly ? objectName.substring(objectName.lastIndexOf('/') + 1) : objectName;
    return includeSourceBucket ? source.name() + "/" + name : name;
  }
}
