package io.jais.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketRef;
import io.jais.api.json.WireJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class JobWireTest {
  @Test
  void args_capitalizedKeysOfTheSdk_parseCaseInsensitively() {
    JobArgs args = WireJson.parse("""
        {"ID":"","Kind":"lru","DaemonID":"t1","Bck":{"name":"b","provider":"ais","namespace":null},
         "Buckets":null,"flags":4,"Force":true}""", JobArgs.class);

    assertThat(args.kind()).isEqualTo("lru");
    assertThat(args.node()).isEqualTo("t1");
    assertThat(args.allBuckets()).containsExactly(Bucket.ais("b"));
    assertThat(args.hasFlag(JobArgs.FLAG_KEEP_MISPLACED)).isTrue();
    assertThat(args.force()).isTrue();
  }

  @Test
  void query_parsesBothTheQueryShapeAndTheSdksArgsShape() {
    JobQuery fromArgs = WireJson.parse("{\"ID\":\"Ab12cd34ef\",\"Kind\":\"\",\"DaemonID\":\"\",\"Bck\":null}", JobQuery.class);
    JobQuery fromQuery = WireJson.parse("{\"kind\":\"lru\",\"node\":\"\",\"show_active\":true}", JobQuery.class);

    assertThat(fromArgs.id()).isEqualTo("Ab12cd34ef");
    assertThat(fromQuery.kind()).isEqualTo("lru");
    assertThat(fromQuery.activeOnly()).isTrue();
  }

  @Test
  void snapshot_json_isAisSnapShape() throws Exception {
    JobSnapshot snapshot = new JobSnapshot("Xy1", "copy-listrange", "2026-08-20T10:01:02.123456789Z",
        JobSnapshot.ZERO_TIME, new BucketRef("src", "ais", null), null, null, "", "", "",
        JobSnapshot.pack(0, 10), Map.of("loc-objs", "4"), false, true, null);

    JsonNode json = WireJson.MAPPER.readTree(WireJson.toBytes(snapshot));

    assertThat(json.get("glob.id").asText()).isEqualTo("10240");
    assertThat(json.get("glob.id").isTextual()).isTrue();
    assertThat(json.get("dst-bck").has("name")).isTrue();
    assertThat(json.get("dst-bck").has("provider")).isTrue();
    assertThat(json.get("is_idle").asBoolean()).isTrue();
    assertThat(json.has("ctlmsg")).isFalse();
    assertThat(WireJson.parse(WireJson.toBytes(snapshot), JobSnapshot.class).workers()).isEqualTo(10);
  }

  @Test
  void time_asGoMarshalsIt_trailingZerosDropped() {
    assertThat(JobSnapshot.formatTime(Instant.parse("2026-08-20T10:01:02.123456789Z"))).isEqualTo("2026-08-20T10:01:02.123456789Z");
    assertThat(JobSnapshot.formatTime(Instant.parse("2026-08-20T10:01:02.120Z"))).isEqualTo("2026-08-20T10:01:02.12Z");
    assertThat(JobSnapshot.formatTime(Instant.parse("2026-08-20T10:01:02Z"))).isEqualTo("2026-08-20T10:01:02Z");
    assertThat(JobSnapshot.formatTime(null)).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(JobSnapshot.parseTime("2026-08-20T10:01:02.12Z")).isEqualTo(Instant.parse("2026-08-20T10:01:02.120Z"));
    assertThat(JobSnapshot.parseTime(JobSnapshot.ZERO_TIME)).isNull();
  }

  @RepeatedTest(20)
  void id_generated_hasAisShape() {
    String id = JobId.generate();

    assertThat(id).hasSize(JobId.LENGTH).matches("[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]");
    assertThat(JobId.isValid(id)).isTrue();
  }

  @Test
  void id_validity() {
    assertThat(JobId.isValid("g42")).isTrue();
    assertThat(JobId.isValid("")).isFalse();
    assertThat(JobId.isValid("a,b")).isFalse();
    assertThat(JobId.isValid("../etc")).isFalse();
    assertThat(JobId.isValid("x".repeat(33))).isFalse();
  }

  @Test
  void kinds_byKindOrDisplayName_withTheirProperties() {
    assertThat(JobKind.find("cleanup").orElseThrow().kind()).isEqualTo("cleanup-store");
    assertThat(JobKind.find("lru-eviction").orElseThrow().kind()).isEqualTo("lru");
    assertThat(JobKind.find("copy-objects").orElseThrow().idles()).isTrue();
    assertThat(JobKind.of("copy-listrange").icStatus()).isFalse();
    assertThat(JobKind.of("delete-listrange").icStatus()).isTrue();
    assertThat(JobKind.of("delete-listrange").startable()).isFalse();
    assertThat(JobKind.find("nonsense")).isEmpty();
    assertThat(JobKind.all()).extracting(JobKind::displayName).doesNotHaveDuplicates();
  }

  @Test
  void copy_destinationName_mapsTheExtensionThenPrepends() {
    CopyObjectsMsg msg = new CopyObjectsMsg(Bucket.ais("d"), null, null, "new/", "", Map.of("jpg", ".png"), false, false,
        false, false, 0, false, false);

    assertThat(msg.destinationName("a/b.jpg")).isEqualTo("new/a/b.png");
    assertThat(msg.destinationName("a/b.txt")).isEqualTo("new/a/b.txt");
    assertThat(msg.destinationName("noext")).isEqualTo("new/noext");
  }
}
