package io.jais.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.cli.Main;
import io.jais.cli.Session;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@JaisCluster(targets = 1)
class LogCommandsTest {
  private final LocalCluster cluster;

  LogCommandsTest(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /** Exit status, standard output, standard error. */
  private record Run(int status, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (Session session = new Session(Map.of("AIS_ENDPOINT", cluster.endpoint()), new ByteArrayInputStream(new byte[0]),
        out, err)) {
      status = Main.run(session, args);
    }
    return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void show_printsTheNodesCurrentLog() {
    Node target = cluster.targets().getFirst();

    Run run = run("log", "show", target.snode().id());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.text()).contains("Started up at", target.snode().displayName());
    assertThat(run("log", "show", target.snode().id(), "--severity", "e").status()).isZero();
  }

  @Test
  void show_unknownSeverityOrNode_fails() {
    Run bad = run("log", "show", cluster.primary().snode().id(), "--severity", "debug");
    assertThat(bad.status()).isNotZero();
    assertThat(bad.err()).contains("unknown log severity");

    Run nobody = run("log", "show", "tNOBODY");
    assertThat(nobody.status()).isNotZero();
    assertThat(nobody.err()).contains("tNOBODY");
  }

  @Test
  void get_toADirectory_andAllAsTarGz(@TempDir Path dir) throws Exception {
    Node proxy = cluster.primary();
    String id = proxy.snode().id();

    Run current = run("log", "get", id, dir.toString());
    Run all = run("log", "get", id, dir.toString(), "--all");
    Run again = run("log", "get", id, dir.toString());
    Run overwritten = run("log", "get", id, dir.toString(), "-y");

    assertThat(current.status()).as(current.err()).isZero();
    assertThat(Files.readString(dir.resolve(id + ".info.log"))).contains("Started up at", proxy.snode().displayName());
    assertThat(all.status()).as(all.err()).isZero();
    byte[] tar = new GZIPInputStream(Files.newInputStream(dir.resolve(id + ".info.tar.gz"))).readAllBytes();
    assertThat(new String(tar, 0, 100, StandardCharsets.US_ASCII)).startsWith("jais.INFO");
    assertThat(all.text()).contains(id + ".info.tar.gz");
    assertThat(again.status()).as("as ais: an existing file is replaced only when confirmed").isEqualTo(1);
    assertThat(again.err()).contains("overwrite existing").contains("-y");
    assertThat(overwritten.status()).as(overwritten.err()).isZero();
  }
}
