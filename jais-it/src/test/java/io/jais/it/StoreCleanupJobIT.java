package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Fqn;
import io.jais.node.storage.Mountpath;
import io.jais.testkit.JaisCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code cleanup-store} on real files planted behind the targets' backs: every category is
 * reclaimed (or kept) as documented, counted per target, and the cluster's objects stay readable.
 */
@JaisCluster(targets = 3)
class StoreCleanupJobIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
  private static final Bucket BUCKET = Bucket.ais("cleanup-data");

  private final LocalCluster cluster;
  private final JaisClient client;

  StoreCleanupJobIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  private static Path old(Path file) throws java.io.IOException {
    Files.setLastModifiedTime(file, LONG_AGO);
    return file;
  }

  @Test
  void cleanup_reclaimsEachCategory_keepsWhatMayBeTheOnlyCopy() throws Exception {
    client.buckets().create(BUCKET);
    for (String name : List.of("moved", "dup", "kept-owner-missing", "fresh")) {
      client.objects().put(BUCKET, name, ("content of " + name).getBytes(StandardCharsets.UTF_8));
    }
    Node target = cluster.targets().getFirst();
    Mountpath mp = PlacedFiles.mountpaths(target).getFirst();

    // old and fresh workfiles, the trash, a destroyed bucket's leftovers
    Path work = Files.createDirectories(Fqn.contentDir(mp, BUCKET, Fqn.WORK));
    Path oldWork = old(Files.writeString(work.resolve("0f1e2d3c-old"), "abandoned PUT"));
    Path freshWork = Files.writeString(work.resolve("0f1e2d3c-fresh"), "a PUT in progress, maybe");
    Path trash = Files.createDirectories(mp.path().resolve(Fqn.TRASH).resolve("gone-bucket"));
    Files.writeString(trash.resolve("obj"), "x");
    Bucket destroyed = Bucket.ais("cleanup-destroyed-long-ago");
    Path leftover = Files.createDirectories(Fqn.contentDir(mp, destroyed, Fqn.OBJECTS));
    Files.writeString(leftover.resolve("obj"), "left behind");

    // object files without metadata: old ones go, fresh ones stay
    Path objects = Files.createDirectories(Fqn.contentDir(mp, BUCKET, Fqn.OBJECTS));
    Path oldOrphan = old(Files.writeString(objects.resolve("orphan-old"), "no metadata"));
    Path freshOrphan = Files.writeString(objects.resolve("orphan-fresh"), "no metadata yet");

    // "moved": lies on the wrong mountpath of its owner
    Node movedOwner = PlacedFiles.owner(cluster, BUCKET, "moved");
    Path movedHome = PlacedFiles.file(cluster, BUCKET, "moved");
    Path movedAway = PlacedFiles.path(PlacedFiles.away(movedOwner, BUCKET, "moved"), BUCKET, "moved");
    Files.createDirectories(movedAway.getParent());
    Files.move(movedHome, movedAway, StandardCopyOption.ATOMIC_MOVE);

    // "dup": a copy on a target that does not own it, the owner has the same version: removed
    Node dupStray = PlacedFiles.notOwner(cluster, BUCKET, "dup");
    Node dupOwner = PlacedFiles.owner(cluster, BUCKET, "dup");
    PlacedFiles.copy(PlacedFiles.home(dupOwner, BUCKET, "dup"), BUCKET, "dup", PlacedFiles.home(dupStray, BUCKET, "dup"), "dup");
    Path dupCopy = PlacedFiles.path(PlacedFiles.home(dupStray, BUCKET, "dup"), BUCKET, "dup");

    // "only-here": a copy on a non-owner whose owner lacks it: the only copy, kept
    String onlyHere = "only-here";
    Node onlyStray = PlacedFiles.notOwner(cluster, BUCKET, onlyHere);
    Node freshOwner = PlacedFiles.owner(cluster, BUCKET, "fresh");
    PlacedFiles.copy(PlacedFiles.home(freshOwner, BUCKET, "fresh"), BUCKET, "fresh",
        PlacedFiles.home(onlyStray, BUCKET, onlyHere), onlyHere);
    Path onlyCopy = PlacedFiles.path(PlacedFiles.home(onlyStray, BUCKET, onlyHere), BUCKET, onlyHere);

    String id = client.jobs().start("cleanup", null);
    var status = client.jobs().await(id, WAIT);

    assertThat(status.error()).isEmpty();
    assertThat(oldWork).doesNotExist();
    assertThat(freshWork).exists();
    assertThat(trash).doesNotExist();
    io.jais.testkit.Await.until("leftover bucket deleted", WAIT, () -> !Files.exists(leftover));
    assertThat(oldOrphan).doesNotExist();
    assertThat(freshOrphan).exists();
    assertThat(movedAway).doesNotExist();
    assertThat(movedHome).exists();
    assertThat(dupCopy).doesNotExist();
    assertThat(PlacedFiles.file(cluster, BUCKET, "dup")).exists();
    assertThat(onlyCopy).exists();
    for (String name : List.of("moved", "dup", "fresh")) {
      assertThat(new String(client.objects().get(BUCKET, name), StandardCharsets.UTF_8)).isEqualTo("content of " + name);
    }

    Map<String, JobSnapshot> byTarget = client.jobs().snapshots(JobArgs.ofId(id)).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getFirst()));
    JobSnapshot first = byTarget.get(target.snode().id());
    assertThat(first.stat("old-work")).isEqualTo(1);
    assertThat(first.stat("trash")).isEqualTo(1);
    assertThat(first.stat("deleted-buckets")).isEqualTo(1);
    assertThat(first.stat("orphans")).isEqualTo(1);
    assertThat(byTarget.get(movedOwner.snode().id()).stat("moved-local")).isEqualTo(1);
    assertThat(byTarget.get(dupStray.snode().id()).stat("removed-misplaced")).isEqualTo(1);
    assertThat(byTarget.get(onlyStray.snode().id()).stat("kept-misplaced")).as(byTarget.toString()).isEqualTo(1);
    long total = byTarget.values().stream().mapToLong(s -> s.stat("moved-local")).sum();
    assertThat(total).isEqualTo(1);
  }

  @Test
  void cleanup_keepMisplacedFlag_leavesMisplacedCopiesAlone() throws Exception {
    Bucket bucket = Bucket.ais("cleanup-keep");
    client.buckets().create(bucket);
    client.objects().put(bucket, "k", "keep me".getBytes(StandardCharsets.UTF_8));
    Node stray = PlacedFiles.notOwner(cluster, bucket, "k");
    PlacedFiles.copy(PlacedFiles.home(PlacedFiles.owner(cluster, bucket, "k"), bucket, "k"), bucket, "k",
        PlacedFiles.home(stray, bucket, "k"), "k");
    Path copy = PlacedFiles.path(PlacedFiles.home(stray, bucket, "k"), bucket, "k");

    String id = client.jobs().start(new JobArgs("", "cleanup-store", "", bucket, null, 0, JobArgs.FLAG_KEEP_MISPLACED,
        false, false), "");
    client.jobs().await(id, WAIT);

    assertThat(copy).exists();
    assertThat(client.jobs().snapshots(JobArgs.ofId(id)).get(stray.snode().id()).getFirst().stat("kept-misplaced"))
        .isEqualTo(1);
    client.buckets().destroy(bucket); // its stray copy goes with it, out of the other test's counts
  }
}
