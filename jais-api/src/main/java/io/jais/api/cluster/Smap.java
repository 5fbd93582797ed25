package io.jais.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.Versioned;
import io.jais.api.bucket.Bucket;
import io.jais.api.hash.Hrw;
import io.jais.api.json.U64String;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster map (docs/native-api.md#cluster-and-node): proxies, targets and the primary. Immutable:
 * every change is a new
 * value with the next version, produced by the primary.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Smap(
    @JsonProperty("pmap") Map<String, Snode> proxies,
    @JsonProperty("tmap") Map<String, Snode> targets,
    @JsonProperty("proxy_si") Snode primary,
    @JsonProperty("uuid") String uuid,
    @JsonProperty("creation_time") String creationTime,
    @JsonProperty("version")
        @JsonSerialize(using = U64String.Signed.class)
        @JsonDeserialize(using = U64String.Reader.class)
        long version)
    implements Versioned<Smap> {

  public Smap {
    proxies = Collections.unmodifiableMap(new TreeMap<>(proxies == null ? Map.of() : proxies));
    targets = Collections.unmodifiableMap(new TreeMap<>(targets == null ? Map.of() : targets));
    uuid = uuid == null ? "" : uuid;
    creationTime = creationTime == null ? "" : creationTime;
  }

  /** An empty map (version 0) of a cluster that is yet to be formed. */
  public static Smap empty() {
    return new Smap(Map.of(), Map.of(), null, "", "", 0);
  }

  @Override
  public Smap withVersion(String newUuid, long newVersion) {
    return new Smap(proxies, targets, primary, uuid.isEmpty() ? newUuid : uuid, creationTime, newVersion);
  }

  @Override
  public String kind() {
    return "Smap";
  }

  /** This map with the node added or replaced. */
  public Smap withNode(Snode node) {
    Map<String, Snode> p = new TreeMap<>(proxies);
    Map<String, Snode> t = new TreeMap<>(targets);
    (node.isTarget() ? t : p).put(node.id(), node);
    Snode newPrimary = primary != null && primary.id().equals(node.id()) ? node : primary;
    return new Smap(p, t, newPrimary, uuid, creationTime, version);
  }

  /** This map without the node; the primary cannot be removed this way. */
  public Smap withoutNode(String id) {
    Map<String, Snode> p = new TreeMap<>(proxies);
    Map<String, Snode> t = new TreeMap<>(targets);
    p.remove(id);
    t.remove(id);
    return new Smap(p, t, primary, uuid, creationTime, version);
  }

  public Smap withPrimary(Snode node, String created) {
    return new Smap(proxies, targets, node, uuid, created, version).withNode(node);
  }

  /** The node with this ID, proxy or target, or null. */
  public Snode node(String id) {
    if (id == null) {
      return null;
    }
    Snode node = targets.get(id);
    return node != null ? node : proxies.get(id);
  }

  public boolean contains(String id) {
    return node(id) != null;
  }

  /**
   * The active target that owns {@code object} by HRW (docs/architecture.md#placement): what proxies
   * redirect to and
   * what clients reading directly compute. Null when no target is active.
   */
  public Snode owner(Bucket bucket, String object) {
    return owner(activeTargets(), bucket, object);
  }

  /**
   * {@link #owner(Bucket, String)} among {@code activeTargets}, which must be this Smap's {@link
   * #activeTargets()}: for callers that keep the list per Smap version instead of filtering the
   * targets on every request.
   */
  public static Snode owner(List<Snode> activeTargets, Bucket bucket, String object) {
    return Hrw.owner(activeTargets, Snode::idDigest, Hrw.keyDigest(bucket.uname(object)));
  }

  /** Targets that take part in placement (not in maintenance or decommissioning). */
  @JsonIgnore
  public List<Snode> activeTargets() {
    return targets.values().stream().filter(Snode::isActive).toList();
  }

  /**
   * The proxy next in line to be primary when {@code skipped} (the current primary) is gone: as AIS,
   * the electable proxy (not non-electable, not in maintenance or decommissioning) with the highest
   * {@code id_digest}, unsigned. Null when there is none.
   */
  public Snode nextPrimary(String skipped) {
    Snode best = null;
    for (Snode proxy : proxies.values()) {
      if (proxy.id().equals(skipped) || !proxy.isElectable()) {
        continue;
      }
      if (best == null || Long.compareUnsigned(proxy.idDigest(), best.idDigest()) >= 0) {
        best = proxy;
      }
    }
    return best;
  }

  /** This map with {@code id}'s flags replaced (unchanged instance when they are the same). */
  public Smap withFlags(String id, long flags) {
    Snode node = node(id);
    if (node == null || node.flags() == flags) {
      return this;
    }
    return withNode(node.withFlags(flags));
  }

  @JsonIgnore
  public boolean isPrimary(String id) {
    return primary != null && primary.id().equals(id);
  }

  @JsonIgnore
  public int nodeCount() {
    return proxies.size() + targets.size();
  }
}
