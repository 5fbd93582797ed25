package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Commands that need no cluster, and what happens when there is none. */
class StandaloneCommandsTest {
  /** Port 1 on loopback: nothing listens there, so the connection is refused at once. */
  private final Cli nowhere = new Cli("http://127.0.0.1:1");

  @Test
  void ls_unreachableEndpoint_saysSoInOneLine() {
    Cli.Result result = nowhere.run("ls", "ais://b");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(
        "cannot reach http://127.0.0.1:1: is the cluster running? (AIS_ENDPOINT=http://127.0.0.1:1)\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void showCluster_unreachableEndpoint_noStackTrace() {
    Cli.Result result = nowhere.run("show", "cluster");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownCommand_isUsageError() {
    Cli.Result result = nowhere.run("frobnicate");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("frobnicate").contains("see 'jais --help'");
  }

  @Test
  void missingArgument_isUsageError() {
    Cli.Result result = nowhere.run("bucket", "create");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required parameter").contains("jais bucket create --help");
  }

  @Test
  void invalidBucketName_isUsageErrorNamingTheRule() {
    Cli.Result result = nowhere.run("bucket", "create", "ais://no spaces");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("may only contain letters, digits");
  }

  @Test
  void help_listsTheNouns() {
    Cli.Result result = nowhere.run("--help");

    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("ls", "bucket", "object", "put", "get", "rmo", "show", "config", "job", "completion");
  }

  @Test
  void completion_printsBashScriptCoveringSubcommands() {
    Cli.Result result = nowhere.run("completion");

    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("complete -F").contains("bashcompinit").contains("bucket").contains("summary");
  }

  @Test
  void badOptionValue_isUsageError() {
    Cli.Result result = nowhere.run("ls", "ais://b", "--limit", "many");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("--limit");
  }
}
