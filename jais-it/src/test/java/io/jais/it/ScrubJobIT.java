package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.testkit.JaisCluster;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code scrub} finds a flipped byte, a file on the wrong mountpath, a copy on a target that does
 * not own it and a file without metadata; reports them in its stats and findings; quarantines the
 * corrupted object it cannot restore (no mirror copy, no EC) and changes nothing else.
 */
@JaisCluster(targets = 3)
class ScrubJobIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Bucket BUCKET = Bucket.ais("scrub-data");

  private final LocalCluster cluster;
  private final JaisClient client;

  ScrubJobIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  @Test
  void scrub_reportsEveryProblem_quarantinesTheUnrecoverable_andChangesNothingElse() throws Exception {
    client.buckets().create(BUCKET);
    for (int i = 0; i < 20; i++) {
      client.objects().put(BUCKET, "ok-" + i, ("healthy " + i).getBytes(StandardCharsets.UTF_8));
    }
    for (String name : List.of("flipped", "wrong-mountpath", "extra-copy")) {
      client.objects().put(BUCKET, name, ("content of " + name).getBytes(StandardCharsets.UTF_8));
    }
    Path flipped = PlacedFiles.file(cluster, BUCKET, "flipped");
    try (RandomAccessFile file = new RandomAccessFile(flipped.toFile(), "rw")) {
      file.seek(3);
      int b = file.read();
      file.seek(3);
      file.write(b ^ 0x01);
    }
    Node owner = PlacedFiles.owner(cluster, BUCKET, "wrong-mountpath");
    Path away = PlacedFiles.path(PlacedFiles.away(owner, BUCKET, "wrong-mountpath"), BUCKET, "wrong-mountpath");
    Files.createDirectories(away.getParent());
    Files.move(PlacedFiles.file(cluster, BUCKET, "wrong-mountpath"), away, StandardCopyOption.ATOMIC_MOVE);
    Node stray = PlacedFiles.notOwner(cluster, BUCKET, "extra-copy");
    PlacedFiles.copy(PlacedFiles.home(PlacedFiles.owner(cluster, BUCKET, "extra-copy"), BUCKET, "extra-copy"), BUCKET,
        "extra-copy", PlacedFiles.home(stray, BUCKET, "extra-copy"), "extra-copy");
    Mountpath mp = PlacedFiles.mountpaths(cluster.targets().getFirst()).getFirst();
    Path orphan = Files.writeString(Files.createDirectories(Fqn.contentDir(mp, BUCKET, Fqn.OBJECTS)).resolve("no-meta"),
        "orphan");
    Map<Path, String> before = contents(List.of(away, orphan));

    String id = client.jobs().start(new JobArgs("", "scrub", "", BUCKET, null), "");
    var status = client.jobs().await(id, WAIT);

    assertThat(status.error()).isEmpty();
    List<JobSnapshot> snapshots = client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
    assertThat(sum(snapshots, "corrupted")).isEqualTo(1);
    assertThat(sum(snapshots, "quarantined")).isEqualTo(1);
    assertThat(sum(snapshots, "restored")).isZero();
    assertThat(sum(snapshots, "misplaced-mountpath")).isEqualTo(1);
    assertThat(sum(snapshots, "misplaced-node")).isEqualTo(1);
    assertThat(sum(snapshots, "no-metadata")).isEqualTo(1);
    assertThat(sum(snapshots, JobSnapshot.STAT_OBJECTS)).as("checked objects").isEqualTo(25);

    List<String> findings = new ArrayList<>();
    for (JobSnapshot snapshot : snapshots) {
      for (JsonNode finding : snapshot.ext().get("findings")) {
        findings.add(finding.get("problem").asText() + ":" + finding.get("name").asText());
        assertThat(finding.get("location").asText()).startsWith(cluster.dir().toString());
        assertThat(finding.get("bucket").asText()).isEqualTo("ais://scrub-data");
      }
    }
    assertThat(findings).containsExactlyInAnyOrder("corrupted:flipped", "misplaced-mountpath:wrong-mountpath",
        "misplaced-node:extra-copy", "no-metadata:no-meta");
    assertThat(contents(List.of(away, orphan))).as("scrub changes nothing else").isEqualTo(before);
    assertThat(flipped).as("quarantined: moved aside, not served").doesNotExist();
    assertThatThrownBy(() -> client.objects().get(BUCKET, "flipped"))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_QUARANTINED));
  }

  @Test
  void scrub_prefix_checksOnlyThoseNames() throws Exception {
    Bucket bucket = Bucket.ais("scrub-prefix");
    client.buckets().create(bucket);
    for (String name : List.of("in/1", "in/2", "out/1")) {
      client.objects().put(bucket, name, name.getBytes(StandardCharsets.UTF_8));
    }

    String id = client.jobs().start(new JobArgs("", "scrub", "", bucket, null), "in/");
    client.jobs().await(id, WAIT);

    List<JobSnapshot> snapshots = client.jobs().snapshots(JobArgs.ofId(id)).values().stream().flatMap(List::stream).toList();
    assertThat(sum(snapshots, JobSnapshot.STAT_OBJECTS)).isEqualTo(2);
  }

  private static long sum(List<JobSnapshot> snapshots, String stat) {
    return snapshots.stream().mapToLong(s -> s.stat(stat)).sum();
  }

  private static Map<Path, String> contents(List<Path> files) throws java.io.IOException {
    Map<Path, String> map = new java.util.HashMap<>();
    for (Path file : files) {
      map.put(file, java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
    }
    return map;
  }
}
