package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.Provider;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.api.object.ObjectAttrs;
import io.jais.client.JaisClient;
import io.jais.testkit.JaisCluster;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Buckets through the Java SDK (docs/native-api.md#buckets): lifecycle, properties and their effect on
 * objects, errors.
 */
@JaisCluster(proxies = 2, targets = 3)
class ClientBucketIT {
  private final JaisClient client;

  ClientBucketIT(JaisClient client) {
    this.client = client;
  }

  private static JsonNode json(String text) {
    try {
      return WireJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ErrorCode codeOf(Runnable call) {
    try {
      call.run();
    } catch (JaisException e) {
      return e.code();
    }
    throw new AssertionError("expected a JaisException");
  }

  @Test
  void create_newBucket_existsAndIsListed() {
    Bucket bucket = Bucket.ais("bck-create");
    assertThat(client.buckets().exists(bucket)).isFalse();

    client.buckets().create(bucket);

    assertThat(client.buckets().exists(bucket)).isTrue();
    assertThat(client.buckets().list(Provider.AIS)).contains(bucket);
  }

  @Test
  void props_newBucket_areAisDefaults() {
    Bucket bucket = Bucket.ais("bck-defaults");
    client.buckets().create(bucket);

    BucketProps props = client.buckets().props(bucket);

    assertThat(props.provider()).isEqualTo("ais");
    assertThat(props.checksum().type()).isEqualTo("xxhash2");
    assertThat(props.versioning().enabled()).isTrue();
    assertThat(props.access()).isEqualTo(BucketProps.ALL_ACCESS);
    assertThat(props.features()).isZero();
    assertThat(props.bid()).isNotZero();
    assertThat(props.created()).isPositive();
  }

  @Test
  void create_withPropsPatch_startsFromPatchedDefaults() {
    Bucket bucket = Bucket.ais("bck-create-patched");

    client.buckets().create(bucket, json("{\"checksum\":{\"type\":\"sha256\"}}"));

    assertThat(client.buckets().props(bucket).checksum().type()).isEqualTo("sha256");
    assertThat(client.buckets().props(bucket).versioning().enabled()).isTrue();
  }

  @Test
  void setProps_checksumMd5_newObjectsGetMd5Checksums() throws Exception {
    Bucket bucket = Bucket.ais("bck-md5");
    client.buckets().create(bucket);
    byte[] data = TestBytes.random(1, 10_000);

    client.buckets().setProps(bucket, json("{\"checksum\":{\"type\":\"md5\"}}"));
    client.objects().put(bucket, "obj", data);

    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    assertThat(client.buckets().props(bucket).checksum().type()).isEqualTo("md5");
    ObjectAttrs attrs = client.objects().head(bucket, "obj");
    assertThat(attrs.checksumType()).isEqualTo("md5");
    assertThat(attrs.checksumValue()).isEqualTo(md5);
  }

  @Test
  void setProps_versioningDisabled_objectsHaveNoVersion() {
    Bucket bucket = Bucket.ais("bck-noversion");
    client.buckets().create(bucket);

    client.buckets().setProps(bucket, json("{\"versioning\":{\"enabled\":false}}"));
    client.objects().put(bucket, "obj", new byte[] {1});
    client.objects().put(bucket, "obj", new byte[] {2});

    assertThat(client.buckets().props(bucket).versioning().enabled()).isFalse();
    assertThat(client.objects().head(bucket, "obj").version()).isEmpty();
  }

  @Test
  void setProps_partialPatch_leavesOtherPropsAlone() {
    Bucket bucket = Bucket.ais("bck-partial");
    client.buckets().create(bucket);
    BucketProps before = client.buckets().props(bucket);

    client.buckets().setProps(bucket, json("{\"features\":\"4096\"}"));

    BucketProps after = client.buckets().props(bucket);
    assertThat(after.features()).isEqualTo(4096);
    assertThat(after.checksum()).isEqualTo(before.checksum());
    assertThat(after.versioning()).isEqualTo(before.versioning());
    assertThat(after.bid()).isEqualTo(before.bid());
    assertThat(after.created()).isEqualTo(before.created());
  }

  @Test
  void setProps_unknownChecksumType_isRejectedAndPropsUnchanged() {
    Bucket bucket = Bucket.ais("bck-badcksum");
    client.buckets().create(bucket);

    assertThatThrownBy(() -> client.buckets().setProps(bucket, json("{\"checksum\":{\"type\":\"crc99\"}}")))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.status()).isEqualTo(400));

    assertThat(client.buckets().props(bucket).checksum().type()).isEqualTo("xxhash2");
  }

  @Test
  void resetProps_afterChanges_restoresDefaultsAndKeepsIdentity() {
    Bucket bucket = Bucket.ais("bck-reset");
    client.buckets().create(bucket);
    BucketProps original = client.buckets().props(bucket);
    client.buckets().setProps(bucket,
        json("{\"checksum\":{\"type\":\"md5\"},\"versioning\":{\"enabled\":false},\"features\":\"4096\"}"));

    client.buckets().resetProps(bucket);

    BucketProps reset = client.buckets().props(bucket);
    assertThat(reset.checksum().type()).isEqualTo("xxhash2");
    assertThat(reset.versioning().enabled()).isTrue();
    assertThat(reset.features()).isZero();
    assertThat(reset.bid()).isEqualTo(original.bid());
  }

  @Test
  void destroy_bucketWithObjects_removesBucketAndObjects() {
    Bucket bucket = Bucket.ais("bck-destroy");
    client.buckets().create(bucket);
    for (int i = 0; i < 20; i++) {
      client.objects().put(bucket, "obj-" + i, new byte[] {(byte) i});
    }

    client.buckets().destroy(bucket);

    assertThat(client.buckets().exists(bucket)).isFalse();
    assertThat(client.buckets().list(Provider.AIS)).doesNotContain(bucket);
    assertThat(codeOf(() -> client.objects().get(bucket, "obj-0"))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
  }

  @Test
  void create_afterDestroy_startsEmpty() {
    Bucket bucket = Bucket.ais("bck-recreate");
    client.buckets().create(bucket);
    client.objects().put(bucket, "old", new byte[] {1, 2, 3});
    client.buckets().destroy(bucket);

    client.buckets().create(bucket);

    assertThat(client.buckets().listNames(bucket, "")).isEmpty();
    assertThat(codeOf(() -> client.objects().head(bucket, "old"))).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
  }

  @Test
  void create_existingBucket_failsWithBucketExists() {
    Bucket bucket = Bucket.ais("bck-twice");
    client.buckets().create(bucket);

    assertThatThrownBy(() -> client.buckets().create(bucket))
        .isInstanceOfSatisfying(JaisException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_EXISTS);
          assertThat(e.getMessage()).contains("ais://bck-twice").contains("already exists");
        });
  }

  @Test
  void missingBucket_everyBucketCall_failsWithBucketNotFound() {
    Bucket missing = Bucket.ais("bck-missing");

    assertThat(client.buckets().exists(missing)).isFalse();
    assertThat(codeOf(() -> client.buckets().destroy(missing))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.buckets().props(missing))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.buckets().setProps(missing, json("{\"features\":\"0\"}"))))
        .isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.buckets().resetProps(missing))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.buckets().listNames(missing, ""))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(codeOf(() -> client.objects().put(missing, "o", new byte[1]))).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
  }

  @Test
  void destroy_missingBucket_messageNamesTheBucket() {
    assertThatThrownBy(() -> client.buckets().destroy(Bucket.ais("bck-never")))
        .isInstanceOf(JaisException.class)
        .hasMessageContaining("ais://bck-never")
        .hasMessageContaining("does not exist");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", ".", " ", "$badname", "~badname", "bucket and name", ".hidden", "a..b",
      "ümlaut", "0123456789012345678901234567890123456789012345678901234567890123x"})
  void create_invalidName_failsWithInvalidNameAndCreatesNothing(String name) {
    Bucket bucket = Bucket.ais(name);

    assertThat(codeOf(() -> client.buckets().create(bucket))).isEqualTo(ErrorCode.INVALID_NAME);

    assertThat(client.buckets().list(Provider.AIS)).doesNotContain(bucket);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bucket/badname", "#badname"})
  void create_nameThatBreaksThePath_failsWith4xx(String name) {
    JaisException e = org.junit.jupiter.api.Assertions.assertThrows(JaisException.class,
        () -> client.buckets().create(Bucket.ais(name)));

    assertThat(e.status()).isBetween(400, 499);
  }

  @Test
  void create_maxLengthName_succeeds() {
    Bucket bucket = Bucket.ais("b".repeat(Bucket.MAX_NAME_LENGTH));

    client.buckets().create(bucket);

    assertThat(client.buckets().exists(bucket)).isTrue();
  }

  @Test
  void list_twoBuckets_namesAreUniqueAndBothPresent() {
    client.buckets().create(Bucket.ais("bck-list-a"));
    client.buckets().create(Bucket.ais("bck-list-b"));

    var names = client.buckets().list(Provider.AIS).stream().map(Bucket::name).toList();

    assertThat(names).contains("bck-list-a", "bck-list-b").doesNotHaveDuplicates();
  }
}
