package io.jais.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.cli.Main;
import io.jais.cli.Session;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Mirroring from the command line, as AIS's CLI has it, against a real cluster. */
@JaisCluster(targets = 2, mountpaths = 2)
class StorageCommandsTest {
  private static final Pattern STARTED = Pattern.compile("Started mirror\\[([A-Za-z0-9_-]+)\\]");

  private final String endpoint;
  private final JaisClient client;

  StorageCommandsTest(LocalCluster cluster, JaisClient client) {
    this.endpoint = cluster.endpoint();
    this.client = client;
  }

  private record Result(int status, String out, String err) {}

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (Session session = new Session(Map.of("AIS_ENDPOINT", endpoint), new ByteArrayInputStream(new byte[0]), out, err)) {
      status = Main.run(session, args);
    }
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private long copiesAdded(Result started) {
    Matcher m = STARTED.matcher(started.out());
    assertThat(m.find()).as(started.toString()).isTrue();
    client.jobs().await(m.group(1), Duration.ofSeconds(60));
    return client.jobs().snapshots(JobArgs.ofId(m.group(1))).values().stream().flatMap(List::stream)
        .mapToLong(s -> s.stat("copies-added")).sum();
  }

  @Test
  void propsSet_mirror_isStored_andNewObjectsGetCopies() {
    Bucket bucket = Bucket.ais("cli-props-mirror");
    client.buckets().create(bucket);

    Result set = run("bucket", "props", "set", "ais://cli-props-mirror", "mirror.enabled=true", "mirror.copies=2");

    assertThat(set.status()).as(set.err()).isZero();
    assertThat(client.buckets().props(bucket).mirror().enabled()).isTrue();
    assertThat(client.buckets().props(bucket).mirror().copies()).isEqualTo(2);
  }

  @Test
  void storageMirror_andJobStartMirror_addAndDropCopies() {
    Bucket bucket = Bucket.ais("cli-mirror");
    client.buckets().create(bucket);
    for (int i = 0; i < 6; i++) {
      client.objects().put(bucket, "obj-" + i, new byte[1000]);
    }

    Result up = run("storage", "mirror", "ais://cli-mirror", "--copies", "2");
    assertThat(up.out()).startsWith("Configured ais://cli-mirror as 2-way mirror.");
    assertThat(copiesAdded(up)).isEqualTo(6);

    Result again = run("storage", "mirror", "ais://cli-mirror", "--copies", "2");
    assertThat(again.out()).isEqualTo("ais://cli-mirror is already 2-way mirror, nothing to do\n");

    Result down = run("job", "start", "mirror", "ais://cli-mirror", "--copies", "1");
    assertThat(down.out()).startsWith("Configured ais://cli-mirror for single-replica (no redundancy).");
    assertThat(copiesAdded(down)).isZero();
    assertThat(client.buckets().props(bucket).mirror().enabled()).isFalse();

    Result tooMany = run("storage", "mirror", "ais://cli-mirror", "--copies", "3");
    assertThat(tooMany.status()).isEqualTo(1);
    assertThat(tooMany.err()).contains("exceeds the number of mountpaths");
  }
}
