package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import io.jais.testkit.PythonSdk;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The AIS Python SDK's own cluster tests ({@code test_cluster_ops.py}, non-parallel ones included)
 * and bucket tests, unmodified, pointed at a proxy that is not the primary: every proxy serves
 * every request.
 */
@JaisCluster(proxies = 2, targets = 3)
class AisSdkManyProxiesIT {
  @Test
  void sdkClusterAndBucketTests_throughANonPrimaryProxy_pass(LocalCluster cluster) {
    Node primary = cluster.primary();
    Node other = cluster.proxies().stream().filter(p -> p != primary).findFirst().orElseThrow();
    // the cluster tests with their non-parallel ones; the bucket tests as AisSdkSuiteIT runs them
    assertPasses(PythonSdk.runSuite(other.url(), Duration.ofMinutes(15), "not etl and not authn and not extended", "",
        new String[] {"test_cluster_ops.py"}));
    assertPasses(PythonSdk.runSuite(other.url(), Duration.ofMinutes(15),
        "--deselect tests/integration/sdk/test_bucket_ops.py::TestBucketOps::test_copy"
            + " --deselect tests/integration/sdk/test_bucket_ops.py::TestBucketOps::test_copy_dry_run"
            + " --deselect tests/integration/sdk/test_bucket_ops.py::TestBucketOps::test_list_archive",
        new String[] {"test_bucket_ops.py"}));
  }

  private static void assertPasses(PythonSdk.Result result) {
    Assumptions.assumeTrue(result.exitCode() != PythonSdk.EXIT_SKIP,
        "SKIP: AIS Python SDK suite not available (see the SKIP line above)");
    assertThat(result.timedOut()).as("suite timed out").isFalse();
    assertThat(result.output()).doesNotContain("FAILED").doesNotContain(" failed");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
