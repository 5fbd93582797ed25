package io.jais.node.metrics;

import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Snode;
import io.jais.api.node.NodeStatus;
import io.jais.api.node.TrackerValue;
import io.jais.node.http.Meter;
import io.jais.node.http.MeterSelector;
import io.jais.node.http.Request;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One node's metrics: the AIS counters of every operation both front doors serve, errors, requests
 * in flight, uptime, and on a target its mountpaths' capacity and disks' activity, plus the job
 * counters ({@link JobMetrics}). Exposed in Prometheus text format ({@link MetricsHandler}) and as
 * the {@code tracker} of {@code what=node_status} ({@link #tracker()}), under AIS's names.
 *
 * <p>Design notes: a registry per node, not the client's default one, since several nodes share a
 * JVM in the playground and in tests; every metric carries AIS's constant label {@code node_id}.
 * Every hot data point is resolved here, once, so the request path only adds to
 * {@link java.util.concurrent.atomic.LongAdder}s. When metrics are off ({@link #ENV_SWITCH}, a
 * benchmark switch) {@link #meter} hands out {@link Meter#NONE}, in-flight requests are not
 * counted, and the request path does not even read the clock; the metrics are still exposed, and
 * the request counters stay at zero.
 */
public final class NodeMetrics implements AutoCloseable {
  /** {@code JAIS_METRICS=off} turns request metering off, to measure what it costs. */
  public static final String ENV_SWITCH = "JAIS_METRICS";
  /** How often a target samples its disks (AIS's default {@code periodic.stats_time}). */
  public static final Duration DISK_INTERVAL = Duration.ofSeconds(10);

  static final String UPTIME = NodeStatus.UPTIME;
  static final String INFLIGHT = "http.inflight";
  static final String WRITE_ERRORS = "err.http.write.n";
  /** JAIS's own (AIS has no such counter): requests answered 503 at once, the node being at its bound. */
  static final String SHED = "err.shed.n";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final String role;
  private final Labels node;
  private final boolean enabled;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final LongAdder inflight = new LongAdder();
  private final Map<Op, OpMeter> meters = new EnumMap<>(Op.class);
  private final List<Tracked> tracked = new ArrayList<>();
  private final JobMetrics jobs;
  private final DiskSampler disks;
  private final CounterDataPoint shed;

  /** A value of node_status's tracker; {@code always}: reported even when zero (gauges). */
  private record Tracked(String name, boolean always, LongSupplier value) {}

  private NodeMetrics(Snode self, List<Path> mountpaths, boolean enabled, LongSupplier nanoClock, DiskSampler disks) {
    this.role = self.role() == NodeRole.TARGET ? "target" : "proxy";
    this.node = Labels.of("node_id", self.id().replace('.', '_')); // as AIS: dots are not for label values
    this.enabled = enabled;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.disks = disks;
    CounterDataPoint writeErrors = counter(WRITE_ERRORS, MetricKind.COUNTER, "responses whose write failed "
        + "(the client went away)");
    this.shed = counter(SHED, MetricKind.COUNTER, "requests shed: answered 503 at once because the node ran as "
        + "many request handlers as it may (clients retry them)");
    boolean target = self.role() == NodeRole.TARGET;
    for (Op op : Op.values()) {
      CounterDataPoint count = counter(op.count(), MetricKind.COUNTER, "successful " + op.what() + " requests");
      CounterDataPoint errors = counter(op.errors(), MetricKind.COUNTER, "failed " + op.what() + " requests");
      CounterDataPoint nanos = counter(op.nanos(), MetricKind.TOTAL, op.what() + ": total time of successful "
          + "requests, from the request's head to the response's last byte (nanoseconds)");
      if (op.latency() != null) {
        tracked.add(new Tracked(op.latency(), true, nanos::getLongValue));
      }
      CounterDataPoint size = target && op.size() != null
          ? counter(op.size(), MetricKind.SIZE, op.what() + ": object bytes " + (op == Op.GET ? "sent" : "received"))
          : null;
      meters.put(op, new OpMeter(op, count, errors, nanos, size, writeErrors));
    }
    gauge("uptime", "this node's uptime since its start (seconds)", () -> uptimeNanos() / 1e9);
    tracked.add(new Tracked(UPTIME, true, this::uptimeNanos));
    gauge(INFLIGHT.replace('.', '_'), "HTTP requests in flight: head parsed, response not yet written",
        inflight::sum);
    tracked.add(new Tracked(INFLIGHT, true, inflight::sum));
    this.jobs = new JobMetrics(this::labeledCounter);
  }

  /**
   * The metrics of a node.
   *
   * @param mountpaths a target's mountpaths, absolute; empty for a proxy
   * @param enabled false to meter no requests ({@link #ENV_SWITCH})
   * @param nanoClock the monotonic clock of uptimes and disk rates
   */
  public static NodeMetrics create(Snode self, List<Path> mountpaths, boolean enabled, LongSupplier nanoClock) {
    return create(self, mountpaths, enabled, nanoClock, DiskSampler::readDiskstats);
  }

  static NodeMetrics create(Snode self, List<Path> mountpaths, boolean enabled, LongSupplier nanoClock,
      Supplier<String> diskstats) {
    if (mountpaths.isEmpty()) {
      return new NodeMetrics(self, mountpaths, enabled, nanoClock, null);
    }
    MountpathDisks byMountpath = MountpathDisks.resolve(mountpaths, DiskCounters.parse(diskstats.get()).values());
    DiskSampler sampler = new DiskSampler(byMountpath.disks(), diskstats, nanoClock);
    NodeMetrics metrics = new NodeMetrics(self, mountpaths, enabled, nanoClock, sampler);
    MountpathGauges.register(metrics.registry, metrics.node, mountpaths, byMountpath, sampler);
    return metrics;
  }

  /** False when {@code JAIS_METRICS=off} (any case): a benchmark switch, see {@link #ENV_SWITCH}. */
  public static boolean enabledByEnvironment() {
    return !"off".equalsIgnoreCase(System.getenv(ENV_SWITCH));
  }

  /** Starts sampling the target's disks every {@code interval}; nothing for a proxy. */
  public NodeMetrics startSampling(Duration interval) {
    if (disks != null) {
      disks.start(interval);
    }
    return this;
  }

  /** What a route serving {@code op} counts with; {@link Meter#NONE} when metrics are off. */
  public Meter meter(Op op) {
    return enabled ? meters.get(op) : Meter.NONE;
  }

  /**
   * For a route serving several operations: counts each request as the operation {@code which}
   * says it is (null: nothing). {@code which} runs on the event loop before the handler, from the
   * request line and headers only. {@link Meter#NONE} when metrics are off.
   */
  public MeterSelector meter(Function<Request, Op> which) {
    if (!enabled) {
      return Meter.NONE;
    }
    return request -> {
      Op op = which.apply(request);
      return op == null ? Meter.NONE : meters.get(op);
    };
  }

  /** An HTTP exchange began (event loop; no allocation). */
  public void requestStarted() {
    if (enabled) {
      inflight.increment();
    }
  }

  /** An HTTP exchange ended (event loop; no allocation). */
  public void requestEnded() {
    if (enabled) {
      inflight.decrement();
    }
  }

  /** A request was shed (event loop; no allocation). Counted even with metering off: it is rare and telling. */
  public void requestShed() {
    shed.inc();
  }

  /** Where a job registry reports its jobs. */
  public JobMetrics jobs() {
    return jobs;
  }

  public long uptimeNanos() {
    return nanoClock.getAsLong() - startNanos;
  }

  /**
   * AIS's {@code node_status} tracker: every counter by its AIS name, as AIS reports them
   * ({@code copyCumulative}): counters, sizes and totals only once non-zero; latencies as their
   * cumulative nanoseconds; gauges always ({@code up.ns.time}, {@code disk.<name>.util}, ...).
   */
  public Map<String, TrackerValue> tracker() {
    Map<String, TrackerValue> values = new LinkedHashMap<>();
    for (Tracked t : tracked) {
      long v = t.value().getAsLong();
      if (t.always() || v > 0) {
        values.put(t.name(), new TrackerValue(v));
      }
    }
    if (disks != null) {
      MountpathGauges.track(disks, (name, v) -> values.put(name, new TrackerValue(v)));
    }
    return values;
  }

  /** The target's disk sampler; null for a proxy. */
  DiskSampler diskSampler() {
    return disks;
  }

  /** Everything, as the Prometheus client collects it. */
  MetricSnapshots scrape() {
    return registry.scrape();
  }

  private CounterDataPoint counter(String name, MetricKind kind, String help) {
    CounterDataPoint point = Counter.builder().name(kind.prometheusName(role, name)).help(help).constLabels(node)
        .withoutExemplars().register(registry).labelValues();
    tracked.add(new Tracked(name, false, point::getLongValue));
    return point;
  }

  private Counter labeledCounter(String name, MetricKind kind, String help, String label) {
    return Counter.builder().name(kind.prometheusName(role, name)).help(help).constLabels(node).labelNames(label)
        .withoutExemplars().register(registry);
  }

  private void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder().name("ais_" + role + "_" + name).help(help).constLabels(node)
        .callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }

  @Override
  public void close() {
    if (disks != null) {
      disks.close();
    }
  }
}
