package io.jais.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Snode;
import io.jais.api.node.TrackerValue;
import io.jais.node.http.Meter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeMetricsTest {
  private static final Snode TARGET = Snode.of("t1.a", NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 9000));
  private static final Snode PROXY = Snode.of("p1", NodeRole.PROXY, NetInfo.of("http", "127.0.0.1", 8080));

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private NodeMetrics target(String diskstats) {
    return NodeMetrics.create(TARGET, List.of(dir), true, clock::get, () -> diskstats);
  }

  private static String text(NodeMetrics metrics) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void get_success_countsCountTimeAndBytes_underAisNamesWithTheNodeLabel() throws Exception {
    NodeMetrics metrics = target("");
    Meter get = metrics.meter(Op.GET);

    get.record(200, 1_500, 0, 16_384, true);
    get.record(206, 500, 0, 100, true);

    String text = text(metrics);
    assertThat(text).contains("ais_target_get_count_total{node_id=\"t1_a\"} 2.0");
    assertThat(text).contains("ais_target_get_ns_total{node_id=\"t1_a\"} 2000.0");
    assertThat(text).contains("ais_target_get_bytes_total{node_id=\"t1_a\"} 16484.0");
    assertThat(text).contains("# TYPE ais_target_get_count_total counter");
    assertThat(text).contains("ais_target_err_get_count_total{node_id=\"t1_a\"} 0.0");
  }

  @Test
  void put_countsRequestBytes() throws Exception {
    NodeMetrics metrics = target("");

    metrics.meter(Op.PUT).record(200, 10, 4096, 0, true);

    assertThat(text(metrics)).contains("ais_target_put_bytes_total{node_id=\"t1_a\"} 4096.0");
  }

  @Test
  void errors_countedByOperation_notFoundOfGetAndHeadIsAnAnswer() throws Exception {
    NodeMetrics metrics = target("");

    metrics.meter(Op.GET).record(404, 10, 0, 80, true);
    metrics.meter(Op.HEAD).record(404, 10, 0, 0, true);
    metrics.meter(Op.GET).record(500, 10, 0, 80, true);
    metrics.meter(Op.DELETE).record(404, 10, 0, 80, true);
    metrics.meter(Op.PUT).record(400, 10, 10, 80, true);
    metrics.meter(Op.LIST).record(503, 10, 0, 80, true);

    String text = text(metrics);
    assertThat(text).contains("ais_target_err_get_count_total{node_id=\"t1_a\"} 1.0");
    assertThat(text).contains("ais_target_err_head_count_total{node_id=\"t1_a\"} 0.0");
    assertThat(text).contains("ais_target_err_del_count_total{node_id=\"t1_a\"} 1.0");
    assertThat(text).contains("ais_target_err_put_count_total{node_id=\"t1_a\"} 1.0");
    assertThat(text).contains("ais_target_err_lst_count_total{node_id=\"t1_a\"} 1.0");
    assertThat(text).contains("ais_target_get_count_total{node_id=\"t1_a\"} 0.0");
    assertThat(text).contains("ais_target_put_bytes_total{node_id=\"t1_a\"} 0.0");
  }

  @Test
  void failedWrite_isAWriteErrorOnly() throws Exception {
    NodeMetrics metrics = target("");

    metrics.meter(Op.GET).record(200, 10, 0, 1 << 20, false);

    String text = text(metrics);
    assertThat(text).contains("ais_target_err_http_write_count_total{node_id=\"t1_a\"} 1.0");
    assertThat(text).contains("ais_target_get_count_total{node_id=\"t1_a\"} 0.0");
    assertThat(text).contains("ais_target_err_get_count_total{node_id=\"t1_a\"} 0.0");
  }

  @Test
  void proxy_countsNoObjectBytes_andHasNoMountpathMetrics() throws Exception {
    NodeMetrics metrics = NodeMetrics.create(PROXY, List.of(), true, clock::get);

    metrics.meter(Op.GET).record(301, 10, 0, 0, true);

    String text = text(metrics);
    assertThat(text).contains("ais_proxy_get_count_total{node_id=\"p1\"} 1.0");
    assertThat(text).doesNotContain("_bytes").doesNotContain("capacity").doesNotContain("disk");
  }

  @Test
  void record_andInflight_allocateNothingPerRequest() {
    NodeMetrics metrics = target("");
    Meter get = metrics.meter(Op.GET);
    Meter put = metrics.meter(request -> Op.PUT).select(null);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Runnable requests = () -> {
      for (int i = 0; i < 100_000; i++) {
        metrics.requestStarted();
        get.record(200, 1234, 0, 16_384, true);
        put.record(i % 10 == 0 ? 500 : 200, 4321, 16_384, 0, true);
        metrics.requestEnded();
      }
    };
    requests.run(); // warm: cells and compiled code

    long before = threads.getCurrentThreadAllocatedBytes();
    requests.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    // nothing per request: the smallest object is 16 bytes, so a per-request allocation makes this
    // at least 1.6 MB; a one-off (the JIT replacing code meanwhile) stays far below 1 byte a request
    assertThat(allocated).as("bytes allocated by 100,000 metered requests").isLessThan(100_000);
  }

  @Test
  void inflight_andUptime_areGauges() throws Exception {
    NodeMetrics metrics = target("");
    metrics.requestStarted();
    metrics.requestStarted();
    metrics.requestEnded();
    clock.addAndGet(3_000_000_000L);

    String text = text(metrics);
    assertThat(text).contains("# TYPE ais_target_http_inflight gauge");
    assertThat(text).contains("ais_target_http_inflight{node_id=\"t1_a\"} 1.0");
    assertThat(text).contains("ais_target_uptime{node_id=\"t1_a\"} 3.0");
  }

  @Test
  void off_metersNothing_butStillExposes() throws Exception {
    NodeMetrics metrics = NodeMetrics.create(TARGET, List.of(dir), false, clock::get, () -> "");

    assertThat(metrics.meter(Op.GET)).isSameAs(Meter.NONE);
    assertThat(metrics.meter(request -> Op.PUT)).isSameAs(Meter.NONE);
    metrics.requestStarted();
    assertThat(text(metrics)).contains("ais_target_get_count_total{node_id=\"t1_a\"} 0.0")
        .contains("ais_target_http_inflight{node_id=\"t1_a\"} 0.0");
  }

  @Test
  void selector_picksTheMeterOfTheOperationItNames() {
    NodeMetrics metrics = target("");

    assertThat(metrics.meter(request -> Op.APPEND).select(null)).isSameAs(metrics.meter(Op.APPEND));
    assertThat(metrics.meter(request -> null).select(null)).isSameAs(Meter.NONE);
  }

  @Test
  void mountpathCapacity_perMountpath_fromItsFileSystem() throws Exception {
    NodeMetrics metrics = target("");
    long total = Files.getFileStore(dir).getTotalSpace();

    String text = text(metrics);
    String labels = "{mountpath=\"" + dir + "\",node_id=\"t1_a\"}";
    assertThat(text).contains("ais_target_capacity_total" + labels + " " + (double) total);
    assertThat(text).contains("ais_target_capacity_used" + labels).contains("ais_target_capacity_avail" + labels)
        .contains("ais_target_capacity_pct_used" + labels);
  }

  @Test
  void unknownDisk_saidSo_andNoUtilization() throws Exception {
    NodeMetrics metrics = target(""); // no /proc/diskstats: no device is known

    String text = text(metrics);
    assertThat(text).contains("ais_target_mountpath_disk{disk=\"\",mountpath=\"" + dir + "\",node_id=\"t1_a\"} 0.0");
    assertThat(text).doesNotContain("ais_target_disk_util{");
  }

  @Test
  void knownDisk_utilizationAfterTheFirstInterval_inMetricsAndTracker() throws Exception {
    long dev = (Long) Files.getAttribute(dir, "unix:dev");
    assumeThat(MountpathDisks.major(dev)).as("temp dir on a block device").isNotZero();
    String line = MountpathDisks.major(dev) + " " + MountpathDisks.minor(dev) + " sdz ";
    AtomicReference<String> stats = new AtomicReference<>(line + "10 0 20 0 5 0 40 0 0 1000 0");
    NodeMetrics metrics = NodeMetrics.create(TARGET, List.of(dir), true, clock::get, stats::get);
    DiskSampler sampler = metrics.diskSampler();

    sampler.sample();
    assertThat(text(metrics)).doesNotContain("ais_target_disk_util{"); // no interval yet
    stats.set(line + "30 0 2068 0 5 0 40 0 0 1500 0"); // +20 reads of 2048 sectors in all, 500 ms busy
    clock.addAndGet(1_000_000_000L);
    sampler.sample();

    String text = text(metrics);
    assertThat(text).contains("ais_target_disk_util{disk=\"sdz\",node_id=\"t1_a\"} 50.0");
    assertThat(text).contains("ais_target_disk_read_bps{disk=\"sdz\",node_id=\"t1_a\"} 1048576.0");
    assertThat(text).contains("ais_target_disk_avg_rsize{disk=\"sdz\",node_id=\"t1_a\"} 52428.0");
    assertThat(text).contains("ais_target_mountpath_disk{disk=\"sdz\",mountpath=\"" + dir + "\",node_id=\"t1_a\"} 1.0");
    Map<String, TrackerValue> tracker = metrics.tracker();
    assertThat(tracker.get("disk.sdz.util").value()).isEqualTo(50);
    assertThat(tracker.get("disk.sdz.read.bps").value()).isEqualTo(1_048_576);
  }

  @Test
  void tracker_aisNamesAndSemantics() {
    NodeMetrics metrics = target("");
    metrics.meter(Op.GET).record(200, 700, 0, 10, true);
    clock.addAndGet(5);

    Map<String, TrackerValue> tracker = metrics.tracker();

    assertThat(tracker.get("get.n").value()).isEqualTo(1);
    assertThat(tracker.get("get.ns.total").value()).isEqualTo(700);
    assertThat(tracker.get("get.ns").value()).isEqualTo(700); // AIS's latency: cumulative in node_status
    assertThat(tracker.get("get.size").value()).isEqualTo(10);
    assertThat(tracker.get("up.ns.time").value()).isEqualTo(5);
    assertThat(tracker).containsKey("lst.ns").containsKey("put.ns"); // latencies even when zero, as AIS
    assertThat(tracker).doesNotContainKey("put.n").doesNotContainKey("err.get.n"); // zero counters left out
  }

  @Test
  void jobs_perKind_withTheXkindLabel() throws Exception {
    NodeMetrics metrics = target("");
    JobMeter lru = metrics.jobs().kind("lru");

    lru.started();
    lru.objects(3);
    lru.bytes(4096);
    lru.finished();
    metrics.jobs().kind("copy-bck").started();
    metrics.jobs().kind("copy-bck").aborted();

    assertThat(metrics.jobs().kind("lru")).isSameAs(lru);
    String text = text(metrics);
    assertThat(text).contains("ais_target_xact_start_count_total{node_id=\"t1_a\",xkind=\"lru\"} 1.0")
        .contains("ais_target_xact_fin_count_total{node_id=\"t1_a\",xkind=\"lru\"} 1.0")
        .contains("ais_target_xact_obj_count_total{node_id=\"t1_a\",xkind=\"lru\"} 3.0")
        .contains("ais_target_xact_bytes_total{node_id=\"t1_a\",xkind=\"lru\"} 4096.0")
        .contains("ais_target_xact_abort_count_total{node_id=\"t1_a\",xkind=\"copy-bck\"} 1.0");
    assertThatThrownBy(() -> metrics.jobs().kind("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openMetrics_alsoWritten() throws Exception {
    NodeMetrics metrics = target("");
    metrics.meter(Op.GET).record(200, 1, 0, 1, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    OpenMetricsTextFormatWriter.create().write(out, metrics.scrape());

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("ais_target_get_count_total{node_id=\"t1_a\"} 1.0").endsWith("# EOF\n");
  }

}
