package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real S3 tools, unmodified, against the S3 front door: the aws CLI and boto3 (on the machine
 * image; a missing tool skips loudly with a SKIP line, never silently), rclone and s3cmd when
 * installed. The scenarios live in {@code src/test/s3} and print {@code STEP name} before each step,
 * so a failure names the step.
 */
@JaisCluster(proxies = 1, targets = 3)
class S3RealClientsIT {
  private static final Path SCRIPTS = Path.of("src/test/s3").toAbsolutePath();

  private final String proxyUrl;
  private final String endpoint;

  S3RealClientsIT(LocalCluster cluster) {
    this.proxyUrl = cluster.endpoint();
    this.endpoint = proxyUrl + "/s3";
  }

  @Test
  void awsCli_scenario_passesEveryStep(@TempDir Path work) throws Exception {
    requireTool("aws", "--version");
    Result result = run(List.of("bash", SCRIPTS.resolve("aws_cli.sh").toString(), endpoint, work.toString()), 600);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("ALL STEPS PASSED");
  }

  @Test
  void boto3_scenario_passesEveryStep() throws Exception {
    requireTool("python3", "-c", "import boto3");
    Result result = run(List.of("python3", SCRIPTS.resolve("boto3_scenario.py").toString(), endpoint), 600);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("ALL STEPS PASSED");
  }

  @Test
  void boto3_namesAPathCannotHold_andListingDetails_passEveryStep() throws Exception {
    requireTool("python3", "-c", "import boto3");
    Result result = run(List.of("python3", SCRIPTS.resolve("boto3_names.py").toString(), endpoint), 600);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("ALL STEPS PASSED");
  }

  @Test
  void boto3_compat_retriesRangesNamesHeadersPartsAndDates() throws Exception {
    requireTool("python3", "-c", "import boto3");
    Result result = run(List.of("python3", SCRIPTS.resolve("boto3_compat.py").toString(), endpoint), 600);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("ALL STEPS PASSED");
  }

  /**
   * A tree with empty directories, there and back, byte-exact, empty directories included: they
   * travel as folder markers ({@code dir/}). rclone makes them itself from 1.64 on
   * ({@code --s3-directory-markers}); with an older rclone the test puts them with the AWS SDK.
   */
  @Test
  void rclone_syncWithEmptyDirectories_thereAndBack_isByteExact(@TempDir Path work) throws Exception {
    requireTool("rclone", "version");
    Path config = work.resolve("rclone.conf");
    Files.writeString(config, "[jais]\ntype = s3\nprovider = Other\naccess_key_id = jais\nsecret_access_key = jais\n"
        + "endpoint = " + endpoint + "\nforce_path_style = true\n");
    Path source = work.resolve("src");
    List<String> emptyDirs = List.of("empty", "sub/deeper/emptier", "sub with space/e");
    for (String dir : emptyDirs) {
      Files.createDirectories(source.resolve(dir));
    }
    Files.createDirectories(source.resolve("sub/x"));
    Files.writeString(source.resolve("one.txt"), "one");
    Files.write(source.resolve("sub/x/bin.dat"), TestBytes.random(7, 300_000));
    Files.writeString(source.resolve("sub with space/two.txt"), "two");
    List<String> base = List.of("rclone", "--config", config.toString());
    assertThat(run(concat(base, "mkdir", "jais:rclone-sync"), 60).exit()).isZero();
    boolean markers = run(concat(base, "help", "flags"), 60).output().contains("--s3-directory-markers");
    List<String> sync = concat(base, "sync", "--create-empty-src-dirs", source.toString(), "jais:rclone-sync");
    Result there = run(markers ? concat(sync, "--s3-directory-markers") : sync, 120);
    assertThat(there.exit()).as(there.output()).isZero();
    if (!markers) {
      try (var s3 = S3Clients.of(proxyUrl)) {
        for (String dir : emptyDirs) {
          s3.putObject(b -> b.bucket("rclone-sync").key(dir + "/"),
              software.amazon.awssdk.core.sync.RequestBody.empty());
        }
      }
    }

    Path back = work.resolve("back");
    Result sync2 = run(concat(base, "sync", "--create-empty-src-dirs", "jais:rclone-sync", back.toString()), 120);
    assertThat(sync2.exit()).as(sync2.output()).isZero();
    assertThat(tree(back)).isEqualTo(tree(source));
    for (Path file : List.of(Path.of("one.txt"), Path.of("sub/x/bin.dat"), Path.of("sub with space/two.txt"))) {
      assertThat(Files.readAllBytes(back.resolve(file))).isEqualTo(Files.readAllBytes(source.resolve(file)));
    }
    Result purge = run(concat(base, "purge", "jais:rclone-sync"), 60);
    if (markers) {
      assertThat(purge.exit()).as(purge.output()).isZero();
      return;
    }
    // an rclone before 1.64 does not take folder markers for objects: it leaves them, so the bucket too
    try (var s3 = S3Clients.of(proxyUrl)) {
      List<String> left = s3.listObjectsV2(b -> b.bucket("rclone-sync")).contents().stream()
          .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
      assertThat(left).containsExactlyInAnyOrderElementsOf(emptyDirs.stream().map(dir -> dir + "/").toList());
      left.forEach(key -> s3.deleteObject(b -> b.bucket("rclone-sync").key(key)));
      s3.deleteBucket(b -> b.bucket("rclone-sync"));
    }
  }

  /** Every path under root, directories with a trailing slash, sorted. */
  private static List<String> tree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      return paths.filter(path -> !path.equals(root))
          .map(path -> root.relativize(path) + (Files.isDirectory(path) ? "/" : "")).sorted().toList();
    }
  }

  @Test
  void rclone_copiesAndLists(@TempDir Path work) throws Exception {
    requireTool("rclone", "version");
    Path config = work.resolve("rclone.conf");
    Files.writeString(config, "[jais]\ntype = s3\nprovider = Other\naccess_key_id = jais\nsecret_access_key = jais\n"
        + "endpoint = " + endpoint + "\nforce_path_style = true\n");
    Path source = Files.createDirectories(work.resolve("src/sub"));
    Files.writeString(source.resolve("one.txt"), "rclone one");
    List<String> base = List.of("rclone", "--config", config.toString());
    assertThat(run(concat(base, "mkdir", "jais:rclone-bucket"), 60).exit()).isZero();
    Result copy = run(concat(base, "copy", work.resolve("src").toString(), "jais:rclone-bucket"), 120);
    assertThat(copy.exit()).as(copy.output()).isZero();
    Result listed = run(concat(base, "ls", "jais:rclone-bucket"), 60);
    assertThat(listed.output()).contains("sub/one.txt");
    Result cat = run(concat(base, "cat", "jais:rclone-bucket/sub/one.txt"), 60);
    assertThat(cat.output()).contains("rclone one");
    assertThat(run(concat(base, "purge", "jais:rclone-bucket"), 60).exit()).isZero();
  }

  @Test
  void s3cmd_putGetListDelete(@TempDir Path work) throws Exception {
    requireTool("s3cmd", "--version");
    String hostPort = endpoint.replace("http://", "").replace("/s3", "");
    Path config = work.resolve("s3cfg");
    // s3cmd has no path prefix setting: it talks to the root, which JAIS serves only at /s3 (docs/s3.md)
    Files.writeString(config, "[default]\naccess_key = jais\nsecret_key = jais\nhost_base = " + hostPort
        + "/s3\nhost_bucket = " + hostPort + "/s3\nuse_https = False\nsignature_v2 = False\n");
    Path file = Files.writeString(work.resolve("f.txt"), "s3cmd data");
    List<String> base = List.of("s3cmd", "-c", config.toString());
    Result mb = run(concat(base, "mb", "s3://s3cmd-bucket"), 60);
    Assumptions.assumeTrue(mb.exit() == 0, "SKIP: s3cmd cannot address a path-prefixed endpoint: " + mb.output());
    assertThat(run(concat(base, "put", file.toString(), "s3://s3cmd-bucket/f.txt"), 60).exit()).isZero();
    assertThat(run(concat(base, "ls", "s3://s3cmd-bucket"), 60).output()).contains("f.txt");
    assertThat(run(concat(base, "del", "s3://s3cmd-bucket/f.txt"), 60).exit()).isZero();
    assertThat(run(concat(base, "rb", "s3://s3cmd-bucket"), 60).exit()).isZero();
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private record Result(int exit, String output) {}

  private static void requireTool(String... probe) {
    boolean present;
    try {
      present = run(List.of(probe), 60).exit() == 0;
    } catch (Exception e) {
      present = false;
    }
    if (!present) {
      System.out.println("SKIP: " + probe[0] + " is not installed here; " + String.join(" ", probe) + " failed");
    }
    Assumptions.assumeTrue(present, "SKIP: " + probe[0] + " not available");
  }

  private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", "jais");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "jais-secret");
    builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    builder.environment().remove("AWS_CA_BUNDLE"); // rclone and botocore choke on this machine's bundle
    builder.environment().remove("AWS_PROFILE");
    File log = File.createTempFile("s3-client", ".log");
    builder.redirectOutput(log);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutSeconds + "s:\n" + Files.readString(log.toPath()));
    }
    String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    System.out.println("--- " + String.join(" ", command) + "\n" + output);
    log.delete();
    return new Result(process.exitValue(), output);
  }
}
