package io.jais.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.hash.Xxh64;
import io.jais.api.json.U64String;

/**
 * A node in the cluster map (docs/native-api.md#cluster-and-node). {@code id_digest} is XXH64 of the ID
 * with the HRW seed:
 * clients compute object placement from it, so it must follow the AIS formula.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Snode(
    @JsonProperty("public_net") NetInfo publicNet,
    @JsonProperty("intra_control_net") NetInfo controlNet,
    @JsonProperty("intra_data_net") NetInfo dataNet,
    @JsonProperty("daemon_type") NodeRole role,
    @JsonProperty("daemon_id") String id,
    @JsonProperty("flags") long flags,
    @JsonProperty("id_digest")
        @JsonSerialize(using = U64String.UnsignedNumber.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long idDigest) {

  /** Flag bit: the node may not become primary. */
  public static final long NON_ELECTABLE = 1;
  /** Flag bit: the node is in maintenance; HRW skips it. */
  public static final long MAINTENANCE = 4;
  /** Flag bit: the node is being decommissioned; HRW skips it. */
  public static final long DECOMMISSIONING = 8;

  /** A node whose three networks are the same URL (the usual single-network deployment). */
  public static Snode of(String id, NodeRole role, NetInfo net) {
    return new Snode(net, net, net, role, id, 0, Xxh64.hash(id, Xxh64.HRW_SEED));
  }

  /** A node with separate public, intra-control and intra-data networks. */
  public static Snode of(String id, NodeRole role, NetInfo publicNet, NetInfo controlNet, NetInfo dataNet) {
    return new Snode(publicNet, controlNet, dataNet, role, id, 0, Xxh64.hash(id, Xxh64.HRW_SEED));
  }

  /** The URL peers and clients use to reach this node. */
  @JsonIgnore
  public String url() {
    return publicNet.url();
  }

  /** The URL other nodes use for control messages (metasync, keepalive). */
  @JsonIgnore
  public String controlUrl() {
    return controlNet != null && controlNet.url() != null && !controlNet.url().isEmpty() ? controlNet.url() : url();
  }

  /** The URL of the target-to-target object streams ({@code intra_data_net}); the public one if unset. */
  @JsonIgnore
  public String dataUrl() {
    return dataNet != null && dataNet.url() != null && !dataNet.url().isEmpty() ? dataNet.url() : url();
  }

  /** True unless in maintenance or being decommissioned: the node takes part in placement. */
  @JsonIgnore
  public boolean isActive() {
    return (flags & (MAINTENANCE | DECOMMISSIONING)) == 0;
  }

  /** A proxy that may become primary: not non-electable, not in maintenance or decommissioning. */
  @JsonIgnore
  public boolean isElectable() {
    return role == NodeRole.PROXY && (flags & NON_ELECTABLE) == 0 && isActive();
  }

  @JsonIgnore
  public boolean inMaintenance() {
    return (flags & MAINTENANCE) != 0;
  }

  @JsonIgnore
  public boolean isDecommissioning() {
    return (flags & DECOMMISSIONING) != 0;
  }

  @JsonIgnore
  public boolean isTarget() {
    return role == NodeRole.TARGET;
  }

  /** The display name used in logs and error bodies, e.g. {@code t[tAbc8081]}. */
  @JsonIgnore
  public String displayName() {
    return role.idPrefix() + "[" + id + "]";
  }

  public Snode withFlags(long newFlags) {
    return new Snode(publicNet, controlNet, dataNet, role, id, newFlags, idDigest);
  }
}
