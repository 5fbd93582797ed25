package io.jais.node.metrics;

/**
 * The kinds of AIS metric ({@code stats.Kind*}) and how each kind's internal name, dotted and
 * suffixed by kind ({@code get.n}, {@code get.size}, {@code get.ns.total}), becomes a Prometheus
 * name, as AIS does it.
 */
public enum MetricKind {
  /** {@code *.n}, a count of events: {@code get.n} becomes {@code get_count}. */
  COUNTER(".n", "_count"),
  /** {@code *.size}, bytes: {@code get.size} becomes {@code get_bytes}. */
  SIZE(".size", "_bytes"),
  /** A cumulative total, nanoseconds for {@code *.ns.total}: the name with its dots as underscores. */
  TOTAL("", ""),
  /** A value that goes up and down (capacity, disk utilization, requests in flight). */
  GAUGE("", "");

  private final String suffix;
  private final String prometheusSuffix;

  MetricKind(String suffix, String prometheusSuffix) {
    this.suffix = suffix;
    this.prometheusSuffix = prometheusSuffix;
  }

  /** Whether the value only grows (exposed as a Prometheus counter). */
  public boolean isCumulative() {
    return this != GAUGE;
  }

  /**
   * The Prometheus name of an internal name of this kind on a node of the given role ({@code
   * target} or {@code proxy}): {@code ais_<role>_} plus the name with its kind suffix translated
   * and its dots as underscores. The Prometheus client then adds {@code _total} to every counter
   * whose name does not end in it already.
   *
   * @throws IllegalArgumentException the name lacks its kind's suffix
   */
  public String prometheusName(String role, String name) {
    if (!name.endsWith(suffix)) {
      throw new IllegalArgumentException(this + " metric " + name + " must end in " + suffix);
    }
    String base = name.substring(0, name.length() - suffix.length()) + prometheusSuffix;
    return "ais_" + role + "_" + base.replace('.', '_');
  }
}
