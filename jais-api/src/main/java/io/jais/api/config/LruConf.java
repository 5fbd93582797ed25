package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** LRU eviction of cached remote objects; off by default for ais buckets. */
public record LruConf(
    @JsonProperty("dont_evict_time") String dontEvictTime,
    @JsonProperty("capacity_upd_time") String capacityUpdTime,
    boolean enabled) {

  public static final LruConf DEFAULT = new LruConf("2h", "10m", false);

  public LruConf {
    dontEvictTime = GoDuration.validate("lru.dont_evict_time", dontEvictTime, "2h");
    capacityUpdTime = GoDuration.validate("lru.capacity_upd_time", capacityUpdTime, "10m");
  }
}
