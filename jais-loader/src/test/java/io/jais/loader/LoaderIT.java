package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import io.jais.testkit.PrometheusSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loader against an in-process cluster, briefly: it works end to end; no timing claims. */
@JaisCluster(targets = 2)
class LoaderIT {
  private static LoaderConfig config(String endpoint, String bucket, Duration duration, long ops, int pctPut,
      String size, boolean cleanup) {
    return new LoaderConfig("native", endpoint, bucket, duration, ops, 4, new Mix(pctPut), Sizes.Range.parse(size),
        "it/", false, 0, true, true, cleanup, Duration.ofMillis(500), Duration.ofSeconds(30), "", "", "us-east-1",
        Duration.ZERO);
  }

  @Test
  void mixedLoadThroughTheProxyRunsWithoutErrorsAndCleansUp(LocalCluster cluster) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Summary summary = new Loader(config(cluster.endpoint(), "loader-mixed", Duration.ofSeconds(2), 0, 30,
        "1KiB-300KiB", true), print).run();

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(summary.totalErrors()).as(text).isZero();
    assertThat(summary.line("GET").ops()).as(text).isPositive();
    assertThat(summary.line("PUT").ops()).as(text).isPositive();
    assertThat(text).contains("result op=GET", "cleanup: deleted");
  }

  private static double sum(LocalCluster cluster, boolean targets, String name) throws Exception {
    double sum = 0;
    for (Node node : targets ? cluster.targets() : cluster.proxies()) {
      sum += PrometheusSamples.scrape(node.url()).sum(name);
    }
    return sum;
  }

  @Test
  void load_movesTheCountersOfEveryNodeOnItsPath(LocalCluster cluster) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    new Loader(config(cluster.endpoint(), "loader-metrics", null, 1, 100, "16KiB", false), quiet).run(); // the bucket
    double proxyGets = sum(cluster, false, "ais_proxy_get_count_total");
    double proxyPuts = sum(cluster, false, "ais_proxy_put_count_total");
    double targetGets = sum(cluster, true, "ais_target_get_count_total");
    double targetGetBytes = sum(cluster, true, "ais_target_get_bytes_total");
    double targetPuts = sum(cluster, true, "ais_target_put_count_total");
    double targetPutBytes = sum(cluster, true, "ais_target_put_bytes_total");

    Summary write = new Loader(config(cluster.endpoint(), "loader-metrics", null, 30, 100, "16KiB", false), quiet).run();
    Summary read = new Loader(config(cluster.endpoint(), "loader-metrics", Duration.ofSeconds(2), 0, 0, "16KiB",
        false), quiet).run();

    long gets = read.line("GET").ops();
    assertThat(write.totalErrors() + read.totalErrors()).isZero();
    assertThat(gets).isPositive();
    // every operation: one redirect on the proxy, then the target that serves it
    assertThat(sum(cluster, false, "ais_proxy_put_count_total") - proxyPuts).isEqualTo(30);
    assertThat(sum(cluster, true, "ais_target_put_count_total") - targetPuts).isEqualTo(30);
    assertThat(sum(cluster, true, "ais_target_put_bytes_total") - targetPutBytes).isEqualTo(30 * 16 * 1024);
    assertThat(sum(cluster, false, "ais_proxy_get_count_total") - proxyGets).isEqualTo(gets);
    assertThat(sum(cluster, true, "ais_target_get_count_total") - targetGets).isEqualTo(gets);
    assertThat(sum(cluster, true, "ais_target_get_bytes_total") - targetGetBytes).isEqualTo(gets * 16 * 1024);
  }

  @Test
  void readOnlyRunReusesObjectsWrittenBefore(LocalCluster cluster) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Summary write = new Loader(config(cluster.endpoint(), "loader-reuse", null, 20, 100, "64KiB", false), quiet).run();
    assertThat(write.line("PUT").ops()).isEqualTo(20);
    assertThat(write.totalErrors()).isZero();

    Summary read = new Loader(config(cluster.endpoint(), "loader-reuse", null, 50, 0, "64KiB", false), quiet).run();
    assertThat(read.line("GET").ops()).isEqualTo(50);
    assertThat(read.line("GET").bytes()).isEqualTo(50L * 64 * 1024);
    assertThat(read.totalErrors()).isZero();
  }
}
