package io.jais.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Rebalance metadata (AIS's RMD): the primary produces a new version whenever the cluster must
 * move objects between targets (the set of targets that own objects changed, or a user asked), and
 * metasyncs it like the Smap and BMD. Every target that receives version N runs the rebalance
 * {@code g<N>} ({@link #rebalanceId()}) and aborts any older one: the newest RMD always supersedes.
 *
 * @param clusterId the cluster UUID (the Smap's)
 * @param targetIds the targets eligible to own objects when this version was made, sorted
 * @param version the version; 0 means no rebalance ever ran
 * @param ext JAIS's extension: the Smap version the rebalance was made for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Rmd(
    @JsonProperty("cluster_id") String clusterId,
    @JsonProperty("target_ids") List<String> targetIds,
    @JsonProperty("version") @JsonInclude(JsonInclude.Include.ALWAYS) long version,
    @JsonProperty("ext") Ext ext)
    implements io.jais.api.Versioned<Rmd> {

  /** What JAIS adds to AIS's RMD (AIS leaves {@code ext} to the implementation). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ext(@JsonProperty("smap_version") long smapVersion) {}

  /** Prefix of rebalance job IDs ({@code g<version>}), as AIS names them. */
  public static final String ID_PREFIX = "g";

  public Rmd {
    clusterId = clusterId == null ? "" : clusterId;
    targetIds = targetIds == null ? List.of() : List.copyOf(targetIds.stream().sorted().toList());
    ext = ext == null ? new Ext(0) : ext;
  }

  public static Rmd empty() {
    return new Rmd("", List.of(), 0, null);
  }

  /** The next rebalance: for {@code targets} as of Smap {@code smapVersion} (the version is set by the owner). */
  public Rmd next(List<String> targets, long smapVersion) {
    return new Rmd(clusterId, targets, version, new Ext(smapVersion));
  }

  @Override
  public String uuid() {
    return clusterId;
  }

  @Override
  public Rmd withVersion(String uuid, long newVersion) {
    return new Rmd(clusterId.isEmpty() ? uuid : clusterId, targetIds, newVersion, ext);
  }

  @Override
  public String kind() {
    return "RMD";
  }

  /** The ID of this version's rebalance job: {@code g<version>}. */
  @JsonIgnore
  public String rebalanceId() {
    return rebalanceId(version);
  }

  public static String rebalanceId(long version) {
    return ID_PREFIX + version;
  }

  /** The RMD version of a rebalance ID ({@code g12} is 12); -1 when it is not one. */
  public static long versionOf(String jobId) {
    if (jobId == null || jobId.length() < 2 || !jobId.startsWith(ID_PREFIX)) {
      return -1;
    }
    for (int i = 1; i < jobId.length(); i++) {
      if (!Character.isDigit(jobId.charAt(i))) {
        return -1;
      }
    }
    try {
      return Long.parseLong(jobId, 1, jobId.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
