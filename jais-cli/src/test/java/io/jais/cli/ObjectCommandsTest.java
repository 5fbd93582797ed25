package io.jais.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@JaisCluster(targets = 2)
class ObjectCommandsTest {
  private final Cli cli;
  private final JaisClient client;

  ObjectCommandsTest(LocalCluster cluster, JaisClient client) {
    this.cli = new Cli(cluster.endpoint());
    this.client = client;
  }

  @BeforeAll
  static void createBucket(JaisClient client) {
    client.buckets().create(Bucket.ais("objs"));
  }

  @Test
  void putFile_toBucket_nameIsTheFileName(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("hello.txt"), "hello, jais");

    Cli.Result put = cli.run("put", file.toString(), "ais://objs");
    Cli.Result renamed = cli.run("object", "put", file.toString(), "ais://objs/greetings/hi.txt");

    assertThat(put.out()).as("as ais: the absolute path, no size").isEqualTo("PUT \"" + file.toAbsolutePath() + "\" => ais://objs/hello.txt\n");
    assertThat(client.objects().get(Bucket.ais("objs"), "hello.txt")).isEqualTo("hello, jais".getBytes(UTF_8));
    assertThat(renamed.status()).isZero();
    assertThat(client.objects().get(Bucket.ais("objs"), "greetings/hi.txt")).hasSize(11);
  }

  @Test
  void getFile_toDirectoryAndFile(@TempDir Path dir) throws IOException {
    client.objects().put(Bucket.ais("objs"), "deep/name.bin", new byte[] {1, 2, 3});

    Cli.Result intoDir = cli.run("get", "ais://objs/deep/name.bin", dir.toString());
    Cli.Result asFile = cli.run("object", "get", "ais://objs/deep/name.bin", dir.resolve("other.bin").toString());

    assertThat(intoDir.status()).as(intoDir.toString()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("name.bin"))).containsExactly(1, 2, 3);
    assertThat(asFile.out()).isEqualTo("GET deep/name.bin from ais://objs as " + dir.resolve("other.bin") + " (3B)\n");
    assertThat(Files.readAllBytes(dir.resolve("other.bin"))).containsExactly(1, 2, 3);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
    }
  }

  @Test
  void putGetDirectory_roundTripsEveryFile(@TempDir Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("src"));
    Random random = new Random(42);
    for (int i = 0; i < 40; i++) {
      Path file = source.resolve(i % 3 == 0 ? "sub/deeper/f" + i : "f" + i);
      Files.createDirectories(file.getParent());
      byte[] data = new byte[random.nextInt(200_000)];
      random.nextBytes(data);
      Files.write(file, data);
    }

    Cli.Result put = cli.run("put", source.toString(), "ais://objs/tree/", "-r", "-y", "--num-workers", "4");
    Cli.Result get = cli.run("get", "ais://objs", dir.resolve("out").toString(), "--prefix", "tree/", "-y");
    Cli.Result tree = cli.run("get", "ais://objs", dir.resolve("tree").toString(), "--prefix", "tree/", "-y", "--keep-paths");

    assertThat(put.status()).as(put.toString()).isZero();
    assertThat(put.out()).startsWith("Files to upload:\nEXTENSION   COUNT   SIZE\n")
        .endsWith("\nPUT 40 files (one directory, recursively) => ais://objs/tree/\n");
    assertThat(client.buckets().listNames(Bucket.ais("objs"), "tree/")).hasSize(40).contains("tree/sub/deeper/f0");
    assertThat(get.status()).as(get.toString()).isZero();
    assertThat(get.out()).startsWith("GET 40 objects from ais://objs to " + dir.resolve("out") + " (total size ");
    assertThat(tree.status()).as(tree.toString()).isZero();
    try (var files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        // as ais: every object lands as OUT/<basename>; --keep-paths keeps the names as paths
        Path copy = dir.resolve("out").resolve(file.getFileName().toString());
        assertThat(Files.mismatch(file, copy)).as(copy.toString()).isEqualTo(-1);
        Path kept = dir.resolve("tree/tree").resolve(source.relativize(file));
        assertThat(Files.mismatch(file, kept)).as(kept.toString()).isEqualTo(-1);
      }
    }
  }

  @Test
  void putGetDirectory_progressBar_onlyWhenAskedOffATerminal(@TempDir Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("bar"));
    for (int i = 0; i < 12; i++) {
      Files.write(source.resolve("f" + i), new byte[10_000]);
    }

    Cli.Result quiet = cli.run("put", source.toString(), "ais://objs/quiet/", "-y");
    Cli.Result put = cli.run("put", source.toString(), "ais://objs/bar/", "--progress", "-y");
    Cli.Result get = cli.run("get", "ais://objs", dir.resolve("back").toString(), "--prefix", "bar/", "--progress", "-y");

    assertThat(quiet.err()).as("standard error is not a terminal here").isEmpty();
    // the bar is redrawn in place with \r; its last state is the finished transfer
    String lastPut = put.err().substring(put.err().lastIndexOf('\r') + 1);
    assertThat(lastPut).startsWith("PUT [" + "=".repeat(30) + "] 100%  117.19KiB/117.19KiB  12/12 files");
    String lastGet = get.err().substring(get.err().lastIndexOf('\r') + 1);
    assertThat(lastGet).startsWith("GET [" + "=".repeat(30) + "] 100%  117.19KiB/117.19KiB  12/12 files");
    assertThat(put.status()).isZero();
    assertThat(get.status()).isZero();
  }

  @Test
  void putStdin_getStdout_catAreByteExact() {
    byte[] data = new byte[70_000];
    new Random(7).nextBytes(data);

    Cli.Result put = cli.runWithInput(data, "put", "-", "ais://objs/stream.bin");
    Cli.Result get = cli.run("get", "ais://objs/stream.bin", "-");
    Cli.Result cat = cli.run("object", "cat", "ais://objs/stream.bin");

    assertThat(put.status()).as(put.toString()).isZero();
    assertThat(get.stdout()).isEqualTo(data);
    assertThat(cat.stdout()).isEqualTo(data);
  }

  @Test
  void putStdin_withoutObjectName_failsClearly() {
    Cli.Result result = cli.runWithInput(new byte[1], "put", "-", "ais://objs");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).contains("needs an object name");
  }

  @Test
  void putMissingFile_saysSo() {
    Cli.Result result = cli.run("put", "/no/such/file", "ais://objs");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("no such file or directory: /no/such/file\n");
  }

  @Test
  void showObject_tableAndJson() {
    client.objects().put(Bucket.ais("objs"), "shown", "12345".getBytes(UTF_8));

    Cli.Result table = cli.run("show", "object", "ais://objs/shown");
    Cli.Result json = cli.run("object", "show", "ais://objs/shown", "--json");

    Cli.Result chosen = cli.run("object", "show", "ais://objs/shown", "--props", "size,version", "-H");
    Cli.Result bad = cli.run("object", "show", "ais://objs/shown", "--props", "colour");

    assertThat(table.out()).as("as ais: 4 rows sorted by name, checksum as type[head]")
        .matches("PROPERTY +VALUE\natime +\\d\\d \\w{3} \\d\\d \\d\\d:\\d\\d UTC\nchecksum +xxhash2\\[[0-9a-f]{16}\\]\n"
            + "name +ais://objs/shown\nsize +5B\n");
    assertThat(chosen.out()).matches("size +5B\nversion +1\n");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).contains("unknown object property \"colour\"");
    assertThat(json.out()).contains("\"size\" : 5");
  }

  @Test
  void rmo_deletesAndMissingObjectFails() {
    client.objects().put(Bucket.ais("objs"), "doomed", new byte[1]);

    Cli.Result removed = cli.run("rmo", "ais://objs/doomed");
    Cli.Result again = cli.run("object", "rm", "ais://objs/doomed");
    Cli.Result get = cli.run("get", "ais://objs/doomed", "-");

    assertThat(removed.out()).isEqualTo("deleted \"doomed\" from ais://objs\n");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err().lines()).hasSize(1);
    assertThat(get.status()).isEqualTo(1);
    assertThat(get.err()).contains("ais://objs/doomed").contains("does not exist");
    assertThat(again.err()).isEqualTo("\"ais://objs/doomed\" does not exist\n");
  }
}
