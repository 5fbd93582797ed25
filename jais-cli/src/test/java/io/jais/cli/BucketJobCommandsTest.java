package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.object.PromoteArgs;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code bucket cp}, {@code bucket mv} and {@code object promote} on real jobs. */
@JaisCluster(targets = 2)
class BucketJobCommandsTest {
  private final Cli cli;
  private final JaisClient client;

  BucketJobCommandsTest(LocalCluster cluster, JaisClient client) {
    this.cli = new Cli(cluster.endpoint());
    this.client = client;
  }

  private Bucket bucketWith(String name, String... objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (String object : objects) {
      client.objects().put(bucket, object, object.getBytes(StandardCharsets.UTF_8));
    }
    return bucket;
  }

  @Test
  void cp_prefixPrependExtension_wait_copiesExactlyThose() {
    bucketWith("cli-cp-src", "a/1.jpg", "a/2.txt", "b/3.jpg");

    Cli.Result copied = cli.run("bucket", "cp", "ais://cli-cp-src", "ais://cli-cp-dst", "--prefix", "a/",
        "--prepend", "x-", "--ext", "jpg:png", "--wait", "--no-progress");

    assertThat(copied.status()).as(copied.err()).isZero();
    assertThat(copied.out()).startsWith("Started copy-bucket[").contains("Done.");
    assertThat(client.buckets().listNames(Bucket.ais("cli-cp-dst"), "")).containsExactly("x-a/1.png", "x-a/2.txt");
  }

  @Test
  void cp_dryRun_andBadArguments() {
    bucketWith("cli-dry", "o");

    Cli.Result dry = cli.run("bucket", "cp", "ais://cli-dry", "ais://cli-dry-dst", "--dry-run", "--wait", "--no-progress");
    Cli.Result badExt = cli.run("bucket", "cp", "ais://cli-dry", "ais://cli-dry-dst", "--ext", "jpg");
    Cli.Result object = cli.run("bucket", "cp", "ais://cli-dry/o", "ais://cli-dry-dst");
    Cli.Result self = cli.run("bucket", "cp", "ais://cli-dry", "ais://cli-dry");

    assertThat(dry.status()).isZero();
    assertThat(client.buckets().exists(Bucket.ais("cli-dry-dst"))).isFalse();
    assertThat(badExt.status()).isEqualTo(1);
    assertThat(badExt.err()).contains("--ext expects OLD:NEW");
    assertThat(object.err()).contains("expecting a bucket");
    assertThat(self.status()).isEqualTo(1);
    assertThat(self.err()).contains("onto itself");
  }

  @Test
  void mv_renames_existingDestinationFails() throws Exception {
    bucketWith("cli-mv-src", "one", "two");
    bucketWith("cli-mv-taken");

    Cli.Result taken = cli.run("bucket", "mv", "ais://cli-mv-src", "ais://cli-mv-taken");
    Cli.Result moved = cli.run("bucket", "mv", "ais://cli-mv-src", "ais://cli-mv-dst", "--wait", "--no-progress");

    assertThat(taken.status()).isEqualTo(1);
    assertThat(taken.err()).contains("already exists");
    assertThat(moved.status()).as(moved.err()).isZero();
    assertThat(client.buckets().listNames(Bucket.ais("cli-mv-dst"), "")).containsExactly("one", "two");
  }

  @Test
  void promote_directory_recursive() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(PromoteArgs.ROOT)), "cli-prm-");
    try {
      Files.writeString(dir.resolve("top"), "top");
      Files.createDirectories(dir.resolve("in"));
      Files.writeString(dir.resolve("in/inner"), "inner");
      bucketWith("cli-prm");

      Cli.Result promoted = cli.run("object", "promote", dir.toString(), "ais://cli-prm/ds/", "--recursive", "--wait",
          "--no-progress");
      Cli.Result relative = cli.run("object", "promote", "relative/dir", "ais://cli-prm");

      assertThat(promoted.status()).as(promoted.err()).isZero();
      assertThat(promoted.out()).startsWith("Started promote-files[");
      assertThat(client.buckets().listNames(Bucket.ais("cli-prm"), "")).containsExactly("ds/in/inner", "ds/top");
      assertThat(relative.status()).isEqualTo(1);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
