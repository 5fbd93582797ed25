package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
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
