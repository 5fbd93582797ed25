package io.jais.cli.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.node.MountpathCapacity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster's storage as the {@code show cluster} summary gives it: bytes used and available
 * over the targets' file systems, each counted once. Targets on one host often share a file
 * system (always on a playground), so a file system is known by its host and ID, as AIS dedups
 * by file system ID.
 */
record ClusterCapacity(@JsonProperty("used") long used, @JsonProperty("avail") long available) {

  static ClusterCapacity of(List<NodeRow> nodes) {
    Set<String> counted = new HashSet<>();
    long used = 0;
    long available = 0;
    for (NodeRow node : nodes) {
      if (node.report() == null) {
        continue;
      }
      String host = node.report().snode().publicNet().host();
      for (MountpathCapacity mountpath : node.capacity().mountpaths().values()) {
        if (counted.add(host + "/" + mountpath.fileSystem().id())) {
          used += mountpath.used();
          available += mountpath.available();
        }
      }
    }
    return new ClusterCapacity(used, available);
  }

  @JsonIgnore
  boolean isKnown() {
    return used + available > 0;
  }

  /** Rounded up, as {@code df} does: a file system 99.2% full is not shown as 99%. */
  @JsonProperty("pct_used")
  int usedPercent() {
    return isKnown() ? (int) Math.ceil(used * 100.0 / (used + available)) : 0;
  }
}
