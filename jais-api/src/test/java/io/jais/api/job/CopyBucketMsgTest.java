package io.jais.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyBucketMsgTest {
  @Test
  void wire_isWhatTheAisSdkSends() {
    String sdk = "{\"ext\":{\"old-ext\":\"new-ext\"},\"num-workers\":10,\"prefix\":\"p\",\"prepend\":\"new-\","
        + "\"dry_run\":false,\"force\":false,\"latest-ver\":true,\"synchronize\":false}";

    CopyBucketMsg msg = WireJson.parse(sdk.getBytes(StandardCharsets.UTF_8), CopyBucketMsg.class);

    assertThat(msg).isEqualTo(new CopyBucketMsg("p", "new-", Map.of("old-ext", "new-ext"), false, false, true, false,
        10, false));
  }

  @Test
  void toObjects_isThePrefixCopy_withTheSameNaming() {
    CopyBucketMsg msg = new CopyBucketMsg("img/", "v2/", Map.of("jpg", "png"), true, false, false, false, -1, true);

    CopyObjectsMsg objects = msg.toObjects(Bucket.ais("dst"));

    assertThat(objects.destination()).isEqualTo(Bucket.ais("dst"));
    assertThat(objects.selection().isPrefix()).isTrue();
    assertThat(objects.prefix()).isEqualTo("img/");
    assertThat(objects.destinationName("img/a.jpg")).isEqualTo("v2/img/a.png");
    assertThat(objects.dryRun()).isTrue();
    assertThat(objects.workers()).isEqualTo(-1);
    assertThat(objects.continueOnError()).isTrue();
  }

  @Test
  void emptyValue_copiesEverything() {
    CopyBucketMsg msg = WireJson.parse("{}".getBytes(StandardCharsets.UTF_8), CopyBucketMsg.class);

    assertThat(msg.prefix()).isEmpty();
    assertThat(msg.prepend()).isEmpty();
    assertThat(msg.toObjects(Bucket.ais("d")).destinationName("x.jpg")).isEqualTo("x.jpg");
  }
}
