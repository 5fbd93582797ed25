package io.jais.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

@JaisCluster(targets = 2)
class BucketCommandsTest {
  private final Cli cli;
  private final JaisClient client;

  BucketCommandsTest(LocalCluster cluster, JaisClient client) {
    this.cli = new Cli(cluster.endpoint());
    this.client = client;
  }

  @Test
  void createLsRm_bucketLifecycle() {
    Cli.Result created = cli.run("bucket", "create", "ais://life1", "life2");
    Cli.Result listed = cli.run("ls");
    Cli.Result removed = cli.run("bucket", "rm", "ais://life1", "ais://life2");

    assertThat(created.out()).isEqualTo("\"ais://life1\" created\n\"ais://life2\" created\n");
    assertThat(listed.out()).startsWith("NAME").containsPattern("ais://life1 +yes")
        .containsPattern("\nTotal: \\[AIS buckets: \\d+\\] ========\n\n$");
    assertThat(removed.status()).isZero();
    assertThat(client.buckets().exists(Bucket.ais("life1"))).isFalse();
  }

  @Test
  void bucketListsAndProps_json_areTheWireDocuments() throws Exception {
    client.buckets().create(Bucket.ais("jsoned"));

    JsonNode buckets = WireJson.MAPPER.readTree(cli.run("ls", "--json").out());
    JsonNode viaBucketLs = WireJson.MAPPER.readTree(cli.run("bucket", "ls", "--json").out());
    JsonNode props = WireJson.MAPPER.readTree(cli.run("bucket", "props", "show", "ais://jsoned", "--json").out());

    assertThat(buckets.findValuesAsText("name")).contains("jsoned");
    assertThat(viaBucketLs).isEqualTo(buckets);
    assertThat(props.get("provider").asText()).isEqualTo("ais");
    assertThat(props.has("checksum")).isTrue();
  }

  @Test
  void create_existing_failsWithServerMessage() {
    cli.run("bucket", "create", "ais://twice");

    Cli.Result again = cli.run("bucket", "create", "ais://twice");

    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("bucket \"ais://twice\" already exists\n");
  }

  @Test
  void lsObjects_prefixAndLimit_summaryLine() {
    Bucket bucket = Bucket.ais("listing");
    client.buckets().create(bucket);
    for (int i = 0; i < 12; i++) {
      client.objects().put(bucket, (i < 10 ? "train/" : "val/") + "obj-" + i, new byte[100 * (i + 1)]);
    }

    Cli.Result all = cli.run("ls", "ais://listing");
    Cli.Result train = cli.run("ls", "ais://listing", "--prefix", "train/", "--limit", "3");
    Cli.Result viaPath = cli.run("ls", "ais://listing/val/");

    assertThat(all.out()).startsWith("NAME").containsPattern("train/obj-0 +100B")
        .endsWith("Listed 12 names\n");
    assertThat(train.out().lines().filter(line -> line.startsWith("train/")).count()).isEqualTo(3);
    assertThat(train.out()).as("as ais: no footer for 10 names or fewer").doesNotContain("Listed");
    assertThat(viaPath.out()).contains("val/obj-10", "val/obj-11").doesNotContain("train/");
  }

  @Test
  void lsObjects_pagedPropsJson() throws Exception {
    Bucket bucket = Bucket.ais("paged");
    client.buckets().create(bucket);
    for (int i = 0; i < 5; i++) {
      client.objects().put(bucket, "o" + i, "x".getBytes(UTF_8));
    }

    Cli.Result paged = cli.run("ls", "ais://paged", "--paged", "--page-size", "2");
    Cli.Result props = cli.run("ls", "ais://paged", "--props", "size,version,checksum");
    JsonNode json = WireJson.MAPPER.readTree(cli.run("ls", "ais://paged", "--json").out());

    assertThat(paged.out()).as("as ais: the header on every page, page footers only past 10 names")
        .isEqualTo("NAME   SIZE\no0     1B\no1     1B\nNAME   SIZE\no2     1B\no3     1B\nNAME   SIZE\no4     1B\n");
    assertThat(props.out()).containsPattern("NAME +SIZE +VERSION +CHECKSUM");
    assertThat(json.size()).isEqualTo(5);
    assertThat(json.get(0).get("name").asText()).isEqualTo("o0");
  }

  @Test
  void lsObjects_aisFlags_regexTemplateNrStartAfterMaxPagesCountOnly() {
    Bucket bucket = Bucket.ais("lsflags");
    client.buckets().create(bucket);
    for (String name : List.of("a/1", "a/2", "a/deep/3", "b/4", "shard-0.tar", "shard-1.tar", "shard-2.tar")) {
      client.objects().put(bucket, name, "x".getBytes(UTF_8));
    }

    Cli.Result regex = cli.run("ls", "ais://lsflags", "--regex", "^a/\\d$", "-H");
    Cli.Result template = cli.run("ls", "ais://lsflags", "--template", "shard-{1..2}.tar", "--name-only", "-H");
    Cli.Result nr = cli.run("ls", "ais://lsflags/a/", "--nr", "-H");
    Cli.Result after = cli.run("ls", "ais://lsflags", "--start-after", "b/4", "-H", "--props", "name");
    Cli.Result pages = cli.run("ls", "ais://lsflags", "--page-size", "2", "--max-pages", "2", "-H");
    Cli.Result count = cli.run("ls", "ais://lsflags", "--count-only");
    Cli.Result none = cli.run("ls", "ais://lsflags/zzz");
    Cli.Result buckets = cli.run("ls", "--regex", "^lsfl", "-F");

    assertThat(regex.out()).isEqualTo("a/1   1B\na/2   1B\n");
    assertThat(template.out()).isEqualTo("shard-1.tar\nshard-2.tar\n");
    assertThat(nr.out()).contains("a/1", "a/2", "a/deep/").doesNotContain("a/deep/3");
    assertThat(after.out()).isEqualTo("shard-0.tar\nshard-1.tar\nshard-2.tar\n");
    assertThat(pages.out().lines()).hasSize(4);
    assertThat(count.out()).matches("Listed 7 names in \\d+(ms|\\.\\ds)\n");
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("ais://lsflags/zzz not found\n");
    assertThat(buckets.out()).isEqualTo("NAME            PRESENT\nais://lsflags   yes\n");
  }

  @Test
  void lsObjects_emptyBucket_saysSo() {
    client.buckets().create(Bucket.ais("lsempty"));

    assertThat(cli.run("ls", "ais://lsempty").out()).isEqualTo("No objects in ais://lsempty\n");
  }

  @Test
  void lsObjects_missingBucket_oneLineExit1() {
    Cli.Result result = cli.run("ls", "ais://nope");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("bucket \"ais://nope\" does not exist\n");
  }

  @Test
  void lsObjects_unknownProp_failsNamingTheChoices() {
    client.buckets().create(Bucket.ais("badprops"));

    Cli.Result result = cli.run("ls", "ais://badprops", "--props", "colour");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).contains("unknown property \"colour\"", "checksum");
  }

  @Test
  void propsSetThenShow_dottedKeysAndJson() throws Exception {
    client.buckets().create(Bucket.ais("props"));

    Cli.Result set = cli.run("bucket", "props", "set", "ais://props", "mirror.enabled=true", "mirror.copies=2");
    Cli.Result shown = cli.run("bucket", "props", "show", "ais://props", "mirror");
    Cli.Result viaShow = cli.run("show", "bucket", "ais://props", "--json");
    Cli.Result setJson = cli.run("bucket", "props", "set", "ais://props", "{\"versioning\":{\"enabled\":false}}");

    assertThat(set.status()).as(set.toString()).isZero();
    assertThat(shown.out()).containsPattern("mirror\\.copies +2").containsPattern("mirror\\.enabled +true")
        .doesNotContain("checksum");
    assertThat(WireJson.MAPPER.readTree(viaShow.out()).get("mirror").get("copies").asInt()).isEqualTo(2);
    assertThat(setJson.status()).as(setJson.toString()).isZero();
    assertThat(client.buckets().props(Bucket.ais("props")).versioning().enabled()).isFalse();
  }

  @Test
  void summary_countsObjectsAndSizes() throws Exception {
    Bucket bucket = Bucket.ais("summed");
    client.buckets().create(bucket);
    client.objects().put(bucket, "a", new byte[1000]);
    client.objects().put(bucket, "b", new byte[3000]);

    Cli.Result table = cli.run("bucket", "summary", "ais://summed");
    JsonNode json = WireJson.MAPPER.readTree(cli.run("bucket", "summary", "ais://summed", "--json").out());

    assertThat(table.status()).as(table.toString()).isZero();
    assertThat(table.out()).containsPattern("NAME +OBJECTS \\(cached, remote\\) +OBJECT SIZES \\(min, avg, max\\) +"
        + "TOTAL OBJECT SIZE \\(cached, remote\\) +USAGE\\(%\\)")
        .containsPattern("ais://summed +2 0 +1000B 1.95KiB 2.93KiB +3\\.91KiB 0B +\\d+%");
    assertThat(json.get(0).get("ObjCount").get("obj_count_present").asText()).isEqualTo("2");
  }
}
