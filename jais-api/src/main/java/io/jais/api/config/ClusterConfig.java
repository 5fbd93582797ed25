package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.Versioned;
import io.jais.api.json.U64String;

/**
 * The cluster-wide configuration: a versioned document owned by the primary and replicated to
 * every node. New buckets inherit their checksum, versioning, mirror, EC, LRU and write policy
 * from it; {@code space} holds the capacity watermarks of LRU and cleanup. Changes produce a new value; nothing is edited in place.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterConfig(
    ChecksumConf checksum,
    VersioningConf versioning,
    MirrorConf mirror,
    EcConf ec,
    LruConf lru,
    SpaceConf space,
    @JsonProperty("write_policy") WritePolicyConf writePolicy,
    @JsonProperty("keepalivetracker") KeepaliveConf keepalive,
    AuthConf auth,
    @JsonSerialize(using = U64String.Unsigned.class) @JsonDeserialize(using = U64String.Reader.class) long features,
    String uuid,
    @JsonProperty("config_version")
        @JsonSerialize(using = U64String.Signed.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long version)
    implements Versioned<ClusterConfig> {

  public ClusterConfig {
    checksum = checksum == null ? ChecksumConf.DEFAULT : checksum;
    versioning = versioning == null ? VersioningConf.DEFAULT : versioning;
    mirror = mirror == null ? MirrorConf.DEFAULT : mirror;
    ec = ec == null ? EcConf.DEFAULT : ec;
    lru = lru == null ? LruConf.DEFAULT : lru;
    space = space == null ? SpaceConf.DEFAULT : space;
    writePolicy = writePolicy == null ? WritePolicyConf.DEFAULT : writePolicy;
    keepalive = keepalive == null ? KeepaliveConf.DEFAULT : keepalive;
    auth = auth == null ? AuthConf.DEFAULT : auth;
    uuid = uuid == null ? "" : uuid;
  }

  /** The defaults of a new cluster (version 0: not yet owned by any primary). */
  public static ClusterConfig defaults() {
    return new ClusterConfig(null, null, null, null, null, null, null, null, null, 0, "", 0);
  }

  @Override
  public ClusterConfig withVersion(String newUuid, long newVersion) {
    return new ClusterConfig(checksum, versioning, mirror, ec, lru, space, writePolicy, keepalive, auth, features,
        uuid.isEmpty() ? newUuid : uuid, newVersion);
  }

  @Override
  public String kind() {
    return "config";
  }
}
