package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.json.WireJson;
import io.jais.api.object.EntryFlags;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BucketApiTest {
  private static final Bucket BUCKET = Bucket.ais("bk");

  private FakeAis fake;
  private JaisClient client;
  private BucketApi buckets;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAis();
    client = JaisClient.create(fake.proxyUrl());
    buckets = client.buckets();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private void addObjects(int count) {
    fake.addBucket(BUCKET);
    IntStream.range(0, count).forEach(i -> fake.addObject(BUCKET, String.format("obj-%03d", i), new byte[i + 1]));
  }

  @Test
  void createListExistsDestroy_aisBucket_roundTrips() {
    buckets.create(BUCKET);

    assertThat(buckets.list(Provider.AIS)).containsExactly(BUCKET);
    assertThat(buckets.exists(BUCKET)).isTrue();
    buckets.destroy(BUCKET);
    assertThat(buckets.exists(BUCKET)).isFalse();
    assertThat(buckets.list(Provider.AIS)).isEmpty();
  }

  @Test
  void create_sendsCreateBckActionToBucketPath() {
    buckets.create(BUCKET);

    FakeAis.Seen seen = fake.seenBy("proxy").getLast();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.rawPath()).isEqualTo("/v1/buckets/bk");
    assertThat(seen.rawQuery()).isEqualTo("provider=ais");
    assertThat(new String(seen.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"action\":\"create-bck\",\"name\":\"\",\"value\":null}");
    assertThat(seen.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void create_withPropsPatch_sendsItAsValue() throws Exception {
    buckets.create(BUCKET, WireJson.MAPPER.readTree("{\"mirror\":{\"enabled\":true}}"));

    assertThat(fake.bucketPatches.get(BUCKET.uname()).toString()).isEqualTo("{\"mirror\":{\"enabled\":true}}");
  }

  @Test
  void anyCall_namespacedBucket_sendsNamespaceQuery() {
    Bucket remote = new Bucket("rb", Provider.AIS, new Namespace("Xyz12", "prod"));

    buckets.create(remote);

    assertThat(fake.seenBy("proxy").getLast().rawQuery()).isEqualTo("provider=ais&namespace=%40Xyz12%23prod");
    assertThat(fake.buckets).containsKey(remote.uname());
  }

  @Test
  void props_existingBucket_parsesAisBucketPropsHeader() {
    fake.addBucket(BUCKET);

    assertThat(buckets.props(BUCKET).checksum().type()).isEqualTo("xxhash2");
  }

  @Test
  void setPropsAndReset_sendPatchActions() throws Exception {
    fake.addBucket(BUCKET);

    buckets.setProps(BUCKET, WireJson.MAPPER.readTree("{\"features\":\"4096\"}"));
    assertThat(fake.bucketPatches.get(BUCKET.uname()).toString()).isEqualTo("{\"features\":\"4096\"}");
    buckets.resetProps(BUCKET);

    assertThat(new String(fake.seenBy("proxy").getLast().body(), StandardCharsets.UTF_8)).contains("reset-bprops");
  }

  @Test
  void listPage_firstPage_sendsAcceptMsgpackAndDecodes() {
    addObjects(3);

    ListObjectsPage page = buckets.listPage(BUCKET, ListObjectsMsg.of("", 2));

    assertThat(page.entries()).extracting(ObjectEntry::name).containsExactly("obj-000", "obj-001");
    assertThat(page.entries().getFirst().flags() & EntryFlags.IS_CACHED).isNotZero();
    assertThat(page.continuationToken()).isEqualTo("obj-001");
    assertThat(page.uuid()).isNotEmpty();
    assertThat(fake.seenBy("proxy").getLast().header("Accept")).isEqualTo("application/msgpack");
  }

  @Test
  void list_severalPages_iteratesAllWithSessionUuid() {
    addObjects(25);

    List<ObjectEntry> all = buckets.list(BUCKET, ListObjectsMsg.of("", 10)).toList();

    assertThat(all).hasSize(25);
    assertThat(all.get(24).name()).isEqualTo("obj-024");
    assertThat(all.get(24).size()).isEqualTo(25);
    assertThat(fake.listRequests).hasSize(3);
    assertThat(fake.listRequests).extracting(ListObjectsMsg::continuationToken)
        .containsExactly("", "obj-009", "obj-019");
    assertThat(fake.listRequests).extracting(ListObjectsMsg::uuid).containsExactly("", "session-1", "session-1");
  }

  @Test
  void list_exactMultipleOfPageSize_stopsAfterEmptyLastPage() {
    addObjects(20);

    assertThat(buckets.list(BUCKET, ListObjectsMsg.of("", 10)).count()).isEqualTo(20);
    assertThat(fake.listRequests).hasSize(3);
  }

  @Test
  void list_lazily_fetchesOnlyPagesConsumed() {
    addObjects(25);

    assertThat(buckets.list(BUCKET, ListObjectsMsg.of("", 10)).limit(5).count()).isEqualTo(5);
    assertThat(fake.listRequests).hasSize(1);
  }

  @Test
  void list_prefixAndStartAfter_filtersAndSendsStartAfterOnFirstPageOnly() {
    addObjects(30);

    List<String> names = buckets.list(BUCKET, ListObjectsMsg.of("obj-02", 3).withStartAfter("obj-021"))
        .map(ObjectEntry::name).toList();

    assertThat(names).containsExactly("obj-022", "obj-023", "obj-024", "obj-025", "obj-026", "obj-027", "obj-028",
        "obj-029");
    assertThat(fake.listRequests.get(0).startAfter()).isEqualTo("obj-021");
    assertThat(fake.listRequests.get(1).startAfter()).isEmpty();
  }

  @Test
  void listNames_prefix_returnsNamesWithNameOnlyFlag() {
    addObjects(12);

    assertThat(buckets.listNames(BUCKET, "obj-01")).containsExactly("obj-010", "obj-011");
    assertThat(fake.listRequests.getFirst().has(ListFlags.NAME_ONLY)).isTrue();
  }

  @Test
  void list_defaultPrefixForm_returnsEverything() {
    addObjects(4);

    assertThat(buckets.list(BUCKET, "").map(ObjectEntry::name)).containsExactly("obj-000", "obj-001", "obj-002",
        "obj-003");
  }
}
