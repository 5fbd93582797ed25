package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    assertThat(result.status()).as("as ais: every error exits 1").isEqualTo(1);
    assertThat(result.err()).contains("frobnicate").contains("see 'jais --help'");
  }

  @Test
  void missingArgument_isUsageError() {
    Cli.Result result = nowhere.run("bucket", "create");

    assertThat(result.status()).as("as ais: every error exits 1").isEqualTo(1);
    assertThat(result.err()).contains("Missing required parameter").contains("jais bucket create --help");
  }

  @Test
  void invalidBucketName_isUsageErrorNamingTheRule() {
    Cli.Result result = nowhere.run("bucket", "create", "ais://no spaces");

    assertThat(result.status()).as("as ais: every error exits 1").isEqualTo(1);
    assertThat(result.err()).contains("may only contain letters, digits");
  }

  @Test
  void help_listsTheNouns() {
    Cli.Result result = nowhere.run("--help");

    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("ls", "bucket", "object", "put", "get", "rmo", "show", "config", "job", "log", "completion");
  }

  @Test
  void completion_printsBashScriptCoveringSubcommands() {
    Cli.Result result = nowhere.run("completion");

    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("complete -F").contains("bashcompinit").contains("bucket").contains("summary");
  }

  @Test
  void completion_kubectlForm_bashAndZsh_otherShellsRefused() {
    Cli.Result bash = nowhere.run("completion", "bash");
    Cli.Result zsh = nowhere.run("completion", "zsh");
    Cli.Result fish = nowhere.run("completion", "fish");

    assertThat(bash.status()).isZero();
    assertThat(bash.out()).isEqualTo(nowhere.run("completion").out()).contains("complete -F");
    assertThat(zsh.out()).contains("bashcompinit").contains("_complete_jais");
    assertThat(fish.status()).isEqualTo(1);
    assertThat(fish.err()).contains("unsupported shell \"fish\" (expected: bash or zsh)");
  }

  @Test
  void completion_inBash_completesSubcommandsOfTheWordTyped(@TempDir Path dir) throws Exception {
    Path script = Files.writeString(dir.resolve("jais-completion"), nowhere.run("completion").out());

    // what bash does on TAB after "jais bucket pr": run the function, read COMPREPLY
    String reply = shell("bash", "-c", "source " + script + "; COMP_WORDS=(jais bucket pr); COMP_CWORD=2;"
        + " COMP_LINE='jais bucket pr'; COMP_POINT=${#COMP_LINE}; _complete_jais; echo \"${COMPREPLY[*]}\"");

    assertThat(reply.strip()).isEqualTo("props");
  }

  @Test
  void completion_inZsh_registersForJais(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
        "zsh is not installed");
    Path script = Files.writeString(dir.resolve("jais-completion"), nowhere.run("completion", "zsh").out());

    String registered = shell("zsh", "-c", "autoload -U compinit && compinit -u; source " + script
        + "; print -r -- ${_comps[jais]}");

    assertThat(registered).contains("_complete_jais");
  }

  /** Runs a shell command line and returns its standard output; fails on a non-zero exit. */
  private static String shell(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }

  @Test
  void badOptionValue_isUsageError() {
    Cli.Result result = nowhere.run("ls", "ais://b", "--limit", "many");

    assertThat(result.status()).as("as ais: every error exits 1").isEqualTo(1);
    assertThat(result.err()).contains("--limit");
  }
}
