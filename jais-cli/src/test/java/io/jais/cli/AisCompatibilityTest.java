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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts written for {@code ais} against jais: the questions and {@code -y}, the naming rules of
 * put and get, multi-object removal, exit statuses. Each test works in a bucket of its own.
 */
@JaisCluster(targets = 2)
class AisCompatibilityTest {
  private final Cli cli;
  private final JaisClient client;

  private final LocalCluster cluster;

  AisCompatibilityTest(LocalCluster cluster, JaisClient client) {
    this.cli = new Cli(cluster.endpoint());
    this.client = client;
    this.cluster = cluster;
  }

  private Bucket bucket(String name, String... objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (String object : objects) {
      client.objects().put(bucket, object, object.getBytes(UTF_8));
    }
    return bucket;
  }

  private List<String> names(Bucket bucket) {
    return client.buckets().listNames(bucket, "");
  }

  private static Path tree(Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("src"));
    Files.writeString(source.resolve("a.txt"), "a");
    Files.writeString(source.resolve("b.bin"), "bb");
    Files.createDirectories(source.resolve("sub"));
    Files.writeString(source.resolve("sub/c.txt"), "ccc");
    return source;
  }

  @Test
  void putDirectory_withoutTerminalOrYes_refusesAndUploadsNothing(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-refuse");

    Cli.Result result = cli.run("put", tree(dir).toString(), "ais://compat-put-refuse/d/");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).contains("PUT 2 files (one directory, non-recursive) => ais://compat-put-refuse/d/?")
        .contains("standard input is not a terminal").contains("pass -y (--yes)");
    assertThat(names(bucket)).isEmpty();
  }

  @Test
  void putDirectory_atTerminal_noCancels_yesUploadsTopLevelOnly(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-ask");
    Path source = tree(dir);

    Cli.Result declined = cli.runAtTerminal("n\n", "put", source.toString(), "ais://compat-put-ask/d/");
    List<String> afterNo = names(bucket);
    Cli.Result accepted = cli.runAtTerminal("what?\ny\n", "put", source.toString(), "ais://compat-put-ask/d/");

    assertThat(declined.status()).as("as ais: a declined question is not an error").isZero();
    assertThat(declined.out()).endsWith("PUT 2 files (one directory, non-recursive) => ais://compat-put-ask/d/? [Y/N]: "
        + "Operation canceled.\n");
    assertThat(afterNo).isEmpty();
    assertThat(accepted.status()).as(accepted.toString()).isZero();
    assertThat(accepted.err()).contains("Invalid input! Choose 'Y' for 'Yes' or 'N' for 'No'");
    assertThat(accepted.out()).endsWith("Done\n");
    assertThat(names(bucket)).as("non-recursive without -r, as ais").containsExactly("d/a.txt", "d/b.bin");
  }

  @Test
  void putDirectory_destinationWithoutSlash_isARawNamePrefix_asAis(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-raw");

    Cli.Result result = cli.run("put", tree(dir).toString(), "ais://compat-put-raw/raw", "-r", "-y");

    assertThat(result.status()).as(result.toString()).isZero();
    assertThat(result.err()).startsWith("Warning: 'raw' will be used as the destination name prefix for all files from '");
    assertThat(names(bucket)).containsExactly("rawa.txt", "rawb.bin", "rawsub/c.txt");
  }

  @Test
  void putDirectory_includeSrcDir_andDryRunUploadsNothing(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-incl");
    Path source = tree(dir);

    Cli.Result dry = cli.run("put", source.toString(), "ais://compat-put-incl", "--dry-run", "-r");
    List<String> afterDry = names(bucket);
    Cli.Result included = cli.run("put", source.toString(), "ais://compat-put-incl", "--include-src-dir", "-y");

    assertThat(dry.status()).as(dry.toString()).isZero();
    assertThat(dry.out()).startsWith("[DRY RUN] with no modifications to the cluster\n")
        .contains("[DRY RUN] PUT 3 files (one directory, recursively) => ais://compat-put-incl\n")
        .contains("PUT " + source.resolve("sub/c.txt") + " -> ais://compat-put-incl/sub/c.txt\n");
    assertThat(afterDry).isEmpty();
    assertThat(included.status()).as(included.toString()).isZero();
    assertThat(names(bucket)).containsExactly("src/a.txt", "src/b.bin");
  }

  @Test
  void putListTemplateCsvAndRange_nameFilesAsAis(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-many");
    Path source = tree(dir);
    String a = source.resolve("a.txt").toString();
    String b = source.resolve("b.bin").toString();

    Cli.Result list = cli.run("put", "ais://compat-put-many/l/", "--list", a + "," + source.resolve("sub"), "-y");
    Cli.Result csv = cli.run("put", a + "," + b, "ais://compat-put-many/c/", "-y");
    Cli.Result range = cli.run("put", source + "/{a,b}.txt", "ais://compat-put-many/bad/", "-y");
    Cli.Result braces = cli.run("put", dir + "/sr{c..c}/a.txt", "ais://compat-put-many/nope/", "-y");
    Cli.Result template = cli.run("put", "ais://compat-put-many/t/", "--template", source.toString(), "-y");
    Cli.Result both = cli.run("put", a, "ais://compat-put-many/x", "--list", a);
    Cli.Result none = cli.run("put", "ais://compat-put-many/x");

    assertThat(list.status()).as(list.toString()).isZero();
    assertThat(list.out()).endsWith("PUT 2 files (one directory, non-recursive) => ais://compat-put-many/l/\n");
    assertThat(csv.status()).as(csv.toString()).isZero();
    assertThat(template.status()).as(template.toString()).isZero();
    assertThat(range.status()).as("not a numeric range").isEqualTo(1);
    assertThat(braces.status()).isEqualTo(1);
    assertThat(both.status()).isEqualTo(1);
    assertThat(both.err()).contains("mutually exclusive");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).contains("missing source");
    assertThat(names(bucket)).containsExactly("c/a.txt", "c/b.bin", "l/a.txt", "l/c.txt", "t/a.txt", "t/b.bin");
  }

  @Test
  void putNumericRange_uploadsTheFilesThatExist(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-range");
    for (int i = 0; i < 3; i++) {
      Files.createDirectories(dir.resolve("d" + i));
      Files.writeString(dir.resolve("d" + i + "/f.txt"), "f" + i);
    }

    Cli.Result result = cli.run("put", dir + "/d{0..4}/f.txt", "ais://compat-put-range/r/", "-y");

    assertThat(result.status()).as(result.toString()).isZero();
    assertThat(result.out()).endsWith("PUT 3 files => ais://compat-put-range/r/\n");
    assertThat(names(bucket)).containsExactly("r/d0/f.txt", "r/d1/f.txt", "r/d2/f.txt");
  }

  @Test
  void putChecksums_wrongOneIsRefused_computedOneIsAccepted(@TempDir Path dir) throws IOException {
    Bucket bucket = bucket("compat-put-cksum");
    Path file = Files.writeString(dir.resolve("f.txt"), "checked");

    Cli.Result wrong = cli.run("put", file.toString(), "ais://compat-put-cksum/wrong", "--md5", "00000000000000000000000000000000");
    Cli.Result right = cli.run("put", file.toString(), "ais://compat-put-cksum/right", "--md5", "3793ea52a7be2d7deafd858fda50775c");
    Cli.Result computed = cli.run("put", file.toString(), "ais://compat-put-cksum/computed", "--compute-checksum");
    Cli.Result two = cli.run("put", file.toString(), "ais://compat-put-cksum/two", "--compute-checksum", "--md5", "00");

    assertThat(wrong.status()).isEqualTo(1);
    assertThat(computed.status()).as(computed.toString()).isZero();
    assertThat(two.status()).isEqualTo(1);
    assertThat(two.err()).contains("at most one checksum");
    assertThat(names(bucket)).contains("computed").doesNotContain("wrong", "two");
    assertThat(right.status()).as(right.toString() + " md5(checked)").isZero();
  }

  @Test
  void get_bucketWithoutPrefix_isAnError_devNullDiscards_rangeReads(@TempDir Path dir) throws IOException {
    bucket("compat-get", "obj.txt");

    Cli.Result whole = cli.run("get", "ais://compat-get", dir.toString());
    Cli.Result discard = cli.run("get", "ais://compat-get/obj.txt", "/dev/null");
    Cli.Result range = cli.run("get", "ais://compat-get/obj.txt", dir.resolve("r").toString(), "--offset", "1", "--length", "3");
    Cli.Result half = cli.run("get", "ais://compat-get/obj.txt", "-", "--offset", "1");

    assertThat(whole.status()).isEqualTo(1);
    assertThat(whole.err()).contains("missing object name").contains("--prefix");
    assertThat(discard.status()).as(discard.toString()).isZero();
    assertThat(discard.out()).isEqualTo("GET and discard obj.txt from ais://compat-get (7B)\n");
    assertThat(range.status()).as(range.toString()).isZero();
    assertThat(Files.readString(dir.resolve("r"))).isEqualTo("bj.");
    assertThat(half.status()).isEqualTo(1);
    assertThat(half.err()).contains("--offset and --length must be both present");
  }

  @Test
  void lsOfAnObject_showsItsProperties_catReadsARange() {
    bucket("compat-ls-obj", "obj.txt", "obj.txt.bak");

    Cli.Result object = cli.run("ls", "ais://compat-ls-obj/obj.txt");
    Cli.Result prefix = cli.run("ls", "ais://compat-ls-obj/obj", "-H");
    Cli.Result range = cli.run("object", "cat", "ais://compat-ls-obj/obj.txt", "--offset", "2", "--length", "3");

    assertThat(object.out()).startsWith("PROPERTY   VALUE\n").contains("name       ais://compat-ls-obj/obj.txt\n")
        .contains("size       7B\n");
    assertThat(prefix.out()).isEqualTo("obj.txt       7B\nobj.txt.bak   11B\n");
    assertThat(range.stdout()).isEqualTo("j.t".getBytes(UTF_8));
  }

  @Test
  void getChecksum_passesIntactObjects_failsOnBytesChangedOnDisk(@TempDir Path dir) throws IOException {
    bucket("compat-cksum", "intact", "victim");
    // flip the stored bytes behind the cluster's back (same size, metadata kept)
    Path stored;
    try (var files = Files.walk(cluster.dir())) {
      stored = files.filter(p -> p.getFileName().toString().equals("victim") && Files.isRegularFile(p)).findFirst().orElseThrow();
    }
    Files.write(stored, "VICTIM".getBytes(UTF_8), java.nio.file.StandardOpenOption.WRITE);

    Cli.Result intact = cli.run("get", "ais://compat-cksum/intact", dir.resolve("intact").toString(), "--checksum");
    Cli.Result unchecked = cli.run("get", "ais://compat-cksum/victim", "-");
    Cli.Result checked = cli.run("get", "ais://compat-cksum/victim", dir.resolve("victim").toString(), "--checksum");
    Cli.Result ranged = cli.run("get", "ais://compat-cksum/intact", "-", "--checksum", "--offset", "0", "--length", "1");

    assertThat(intact.status()).as(intact.toString()).isZero();
    assertThat(unchecked.stdout()).as("the corruption is real").isEqualTo("VICTIM".getBytes(UTF_8));
    assertThat(checked.status()).isEqualTo(1);
    assertThat(checked.err()).startsWith("BAD DATA CHECKSUM: ais://compat-cksum/victim: xxhash2(");
    assertThat(dir.resolve("victim")).as("a bad download never takes the file's place").doesNotExist();
    assertThat(ranged.status()).isEqualTo(1);
  }

  @Test
  void get_overExistingFile_asksFirst(@TempDir Path dir) throws IOException {
    bucket("compat-overwrite", "o");
    Path existing = Files.writeString(dir.resolve("o"), "mine");

    Cli.Result refused = cli.run("get", "ais://compat-overwrite/o", existing.toString());
    String afterRefused = Files.readString(existing);
    Cli.Result declined = cli.runAtTerminal("n\n", "get", "ais://compat-overwrite/o", existing.toString());
    String afterDeclined = Files.readString(existing);
    Cli.Result forced = cli.run("get", "ais://compat-overwrite/o", existing.toString(), "-y");

    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("overwrite existing \"" + existing + "\"").contains("-y");
    assertThat(afterRefused).isEqualTo("mine");
    assertThat(declined.status()).isZero();
    assertThat(afterDeclined).isEqualTo("mine");
    assertThat(forced.status()).as(forced.toString()).isZero();
    assertThat(Files.readString(existing)).isEqualTo("o");
  }

  @Test
  void getPrefix_clashingBasenames_areRefusedBeforeWriting(@TempDir Path dir) throws IOException {
    bucket("compat-clash", "a/x", "b/x");

    Cli.Result result = cli.run("get", "ais://compat-clash", dir.resolve("out").toString(), "--prefix", "", "-y");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).contains("\"a/x\" and \"b/x\" would both be written as \"x\"").contains("--keep-paths");
    assertThat(dir.resolve("out/x")).doesNotExist();
  }

  @Test
  void rmo_listTemplatePrefixAndEmbeddedPrefix_deleteWithTheJob() {
    Bucket bucket = bucket("compat-rm", "l1", "l2", "keep", "shard-0", "shard-1", "shard-2", "p/one", "p/two",
        "dir/x", "dir/y", "dirt");

    Cli.Result list = cli.run("rmo", "ais://compat-rm", "--list", "l1,l2", "--wait");
    Cli.Result template = cli.run("rmo", "ais://compat-rm/shard-{0..1}", "--wait");
    Cli.Result prefix = cli.run("object", "rm", "ais://compat-rm", "--prefix", "p/", "--wait", "--timeout", "60s");
    Cli.Result embedded = cli.run("rmo", "ais://compat-rm/dir/", "--wait");

    assertThat(list.status()).as(list.toString()).isZero();
    assertThat(list.out()).containsPattern("^delete-objects\\[[^]]+\\]: \\[l1 l2\\] removed from ais://compat-rm \\.\\.\\.\nDone\\.\n$");
    assertThat(template.status()).as(template.toString()).isZero();
    assertThat(template.out()).contains(": removed \"shard-{0..1}\" from ais://compat-rm ...");
    assertThat(prefix.status()).as(prefix.toString()).isZero();
    assertThat(embedded.status()).as(embedded.toString()).isZero();
    assertThat(names(bucket)).containsExactlyInAnyOrder("keep", "shard-2", "dirt");
  }

  @Test
  void rmo_emptyPrefixOrTemplate_selectsTheWholeBucket_soItAsksFirst() {
    Bucket bucket = bucket("compat-rm-empty", "a", "b/c");

    Cli.Result prefix = cli.run("rmo", "ais://compat-rm-empty", "--prefix", "");
    Cli.Result template = cli.run("rmo", "ais://compat-rm-empty", "--template", "");
    List<String> afterRefused = names(bucket);
    Cli.Result declined = cli.runAtTerminal("n\n", "rmo", "ais://compat-rm-empty", "--prefix", "");

    assertThat(prefix.status()).as(prefix.toString()).isEqualTo(1);
    assertThat(template.status()).as(template.toString()).isEqualTo(1);
    assertThat(declined.status()).as(declined.toString()).isZero();
    assertThat(afterRefused).containsExactlyInAnyOrder("a", "b/c");
    assertThat(names(bucket)).containsExactlyInAnyOrder("a", "b/c");
  }

  @Test
  void rmo_ambiguousNameAndBareBucket_areErrors_allAsksFirst() {
    Bucket bucket = bucket("compat-rm-all", "dir", "dir/x", "other");

    Cli.Result ambiguous = cli.run("rmo", "ais://compat-rm-all/dir");
    Cli.Result bare = cli.run("rmo", "ais://compat-rm-all");
    Cli.Result refused = cli.run("rmo", "ais://compat-rm-all", "--all");
    List<String> afterRefused = names(bucket);
    Cli.Result all = cli.run("rmo", "ais://compat-rm-all", "--all", "-y");

    assertThat(ambiguous.status()).isEqualTo(1);
    assertThat(ambiguous.err()).contains("--nr or --prefix");
    assertThat(bare.status()).isEqualTo(1);
    assertThat(bare.err()).contains("--list or --template or --prefix or --all");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(afterRefused).hasSize(3);
    assertThat(all.status()).as(all.toString()).isZero();
    assertThat(all.out()).isEqualTo("Deleted 3 objects from ais://compat-rm-all\n");
    assertThat(names(bucket)).isEmpty();
  }

  @Test
  void bucketRm_nonEmptyAsks_emptyDoesNot_ignoreError() {
    bucket("compat-full", "x");
    bucket("compat-empty");

    Cli.Result refused = cli.run("bucket", "rm", "ais://compat-full");
    boolean stillThere = client.buckets().exists(Bucket.ais("compat-full"));
    Cli.Result empty = cli.run("bucket", "rm", "ais://compat-empty");
    Cli.Result forced = cli.run("bucket", "rm", "ais://compat-full", "-y");
    Cli.Result missing = cli.run("bucket", "rm", "ais://compat-full");
    Cli.Result ignored = cli.run("bucket", "rm", "ais://compat-full", "--ignore-error");
    Cli.Result createTwice = cli.run("bucket", "create", "ais://compat-empty", "ais://compat-empty", "--ignore-error");

    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("Proceed to destroy ais://compat-full?");
    assertThat(stillThere).isTrue();
    assertThat(empty.out()).isEqualTo("\"ais://compat-empty\" destroyed\n");
    assertThat(forced.out()).isEqualTo("\"ais://compat-full\" destroyed\n");
    assertThat(client.buckets().exists(Bucket.ais("compat-full"))).isFalse();
    assertThat(missing.status()).isEqualTo(1);
    assertThat(ignored.status()).isZero();
    assertThat(createTwice.status()).as(createTwice.toString()).isZero();
    assertThat(createTwice.out()).isEqualTo("\"ais://compat-empty\" created\nBucket \"ais://compat-empty\" already exists\n");
  }

  @Test
  void bucketCreateWithProps_andPropsSetAsKeyValuePairs() {
    Cli.Result created = cli.run("bucket", "create", "ais://compat-props", "--props", "mirror.enabled=true mirror.copies=2");
    Cli.Result pairs = cli.run("bucket", "props", "set", "ais://compat-props", "checksum.type", "md5");
    Cli.Result json = cli.run("bucket", "create", "ais://compat-props-json", "--props", "{\"versioning\":{\"enabled\":false}}");

    assertThat(created.status()).as(created.toString()).isZero();
    assertThat(pairs.status()).as(pairs.toString()).isZero();
    assertThat(client.buckets().props(Bucket.ais("compat-props")).mirror().enabled()).isTrue();
    assertThat(client.buckets().props(Bucket.ais("compat-props")).mirror().copies()).isEqualTo(2);
    assertThat(client.buckets().props(Bucket.ais("compat-props")).checksum().type()).isEqualTo("md5");
    assertThat(json.status()).as(json.toString()).isZero();
    assertThat(client.buckets().props(Bucket.ais("compat-props-json")).versioning().enabled()).isFalse();
  }

  @Test
  void noHeaders_onTheShowCommands() {
    bucket("compat-headers");
    cli.run("job", "start", "lru", "--wait");

    Cli.Result config = cli.run("show", "config", "cluster", "checksum", "-H");
    Cli.Result props = cli.run("bucket", "props", "show", "ais://compat-headers", "mirror", "-H");
    Cli.Result jobs = cli.run("show", "job", "lru", "--all", "-H");
    Cli.Result withHeaders = cli.run("show", "job", "lru", "--all");

    assertThat(config.out()).startsWith("checksum.").doesNotContain("PROPERTY");
    assertThat(props.out()).startsWith("mirror.").doesNotContain("PROPERTY");
    assertThat(withHeaders.out()).contains("NODE ");
    assertThat(jobs.status()).as(jobs.toString()).isZero();
    assertThat(jobs.out()).contains("lru-eviction[").doesNotContain("NODE ");
  }

  @Test
  void jobStopByKind_asksFirst_durationsAsAis() {
    Cli.Result refused = cli.run("job", "stop", "lru");
    Cli.Result stopped = cli.run("job", "stop", "lru", "-y");
    Cli.Result waitedByKind = cli.run("job", "wait", "lru");
    Cli.Result badDuration = cli.run("job", "wait", "someid", "--timeout", "5 minutes");
    Cli.Result unknownJob = cli.run("job", "wait", "nosuchjob", "--timeout", "30s");

    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("Stop all 'lru-eviction' jobs?");
    assertThat(stopped.status()).as(stopped.toString()).isZero();
    assertThat(stopped.out()).isEqualTo("No running 'lru-eviction' jobs, nothing to do\n");
    assertThat(waitedByKind.status()).isZero();
    assertThat(waitedByKind.out()).isEqualTo("No running 'lru-eviction' jobs, nothing to do\n");
    assertThat(badDuration.status()).isEqualTo(1);
    assertThat(badDuration.err()).contains("invalid duration");
    assertThat(unknownJob.status()).isEqualTo(1);
    assertThat(unknownJob.err()).contains("nosuchjob").doesNotContain("invalid duration");
  }
}
