package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import io.jais.testkit.PythonSdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The official AIS Python SDK, unmodified, against a JAIS cluster: the native-API oracle. Skips
 * loudly (not silently) on a machine without a snapshot of the AIS repository.
 */
@JaisCluster(proxies = 1, targets = 3)
class AisPythonSdkIT {
  private static final Path SCENARIO = Path.of("src/test/python/sdk_scenario.py").toAbsolutePath();
  private static final Path NAMES = Path.of("src/test/python/sdk_names.py").toAbsolutePath();

  @Test
  void sdkScenario_againstCluster_passesEveryStep(LocalCluster cluster) {
    Optional<Path> env = PythonSdk.envScript();
    Assumptions.assumeTrue(env.isPresent(), "SKIP: AIS Python SDK not available (see the SKIP line above)");
    PythonSdk.Result result = PythonSdk.run(env.get(), cluster.endpoint(), SCENARIO, Duration.ofMinutes(5));
    assertThat(result.timedOut()).as("scenario timed out").isFalse();
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).containsPattern("\\d+ passed, 0 failed");
  }

  @Test
  void namesAPathCannotHold_andPagedListings_passEveryStep(LocalCluster cluster) {
    Optional<Path> env = PythonSdk.envScript();
    Assumptions.assumeTrue(env.isPresent(), "SKIP: AIS Python SDK not available (see the SKIP line above)");
    PythonSdk.Result result = PythonSdk.run(env.get(), cluster.endpoint(), NAMES, Duration.ofMinutes(5));
    assertThat(result.timedOut()).as("scenario timed out").isFalse();
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).containsPattern("\\d+ passed, 0 failed");
  }
}
