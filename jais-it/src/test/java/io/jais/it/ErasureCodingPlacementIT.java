package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.hash.Hrw;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.Await;
import io.jais.testkit.JaisCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Slices follow the cluster map: after a fifth target joins a cluster of four, every slice of an
 * EC 2+1 bucket's objects is (also) on the target HRW now places it on, and an object whose
 * slice holders changed is rebuilt from the new holders alone.
 */
@JaisCluster(targets = 4, mountpaths = 1)
class ErasureCodingPlacementIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Bucket BUCKET = Bucket.ais("ec-moves");

  private final LocalCluster cluster;
  private final JaisClient client;

  ErasureCodingPlacementIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  @Test
  void aJoiningTarget_getsTheSlicesHrwNowPlacesOnIt() throws Exception {
    client.buckets().create(BUCKET);
    client.buckets().setProps(BUCKET, WireJson.MAPPER.readTree(
        "{\"ec\":{\"enabled\":true,\"data_slices\":2,\"parity_slices\":1,\"objsize_limit\":0}}"));
    Map<String, byte[]> objects = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 30; i++) {
      byte[] data = new byte[random.nextInt(1, 200_000)];
      random.nextBytes(data);
      objects.put("m-" + i, data);
      client.objects().put(BUCKET, "m-" + i, data);
    }
    for (String name : objects.keySet()) {
      Await.until("slices of " + name, WAIT, () -> slices(name).size() == 3);
    }
    Smap before = cluster.primary().state().smap();
    cluster.addTarget();
    cluster.awaitStable(WAIT);
    Smap after = cluster.primary().state().smap();
    assertThat(after.activeTargets()).hasSize(5);

    List<String> movedHolders = new ArrayList<>();
    for (String name : objects.keySet()) {
      List<Snode> was = ranked(before, name);
      List<Snode> now = ranked(after, name);
      if (!was.getFirst().id().equals(now.getFirst().id())) {
        continue; // a new owner: it encodes once the object reaches it (rebalance, or the pull of a GET)
      }
      if (!was.subList(1, 4).equals(now.subList(1, 4))) {
        movedHolders.add(name);
      }
      Await.until("slices of " + name + " where HRW places them now", WAIT, () -> placedAsHrwSays(name, now));
    }
    assertThat(movedHolders).as("some objects have new slice holders").isNotEmpty();

    // rebuild an object whose holders moved from the slices of the new holders only
    String name = movedHolders.getFirst();
    List<Snode> now = ranked(after, name);
    for (Node target : cluster.targets()) {
      boolean holder = now.subList(1, 4).stream().anyMatch(s -> s.id().equals(target.snode().id()));
      if (!holder) {
        for (EcSlices.Slice slice : EcSlices.all(List.of(home(target)), BUCKET, name)) {
          Files.delete(slice.file()); // the old holders' copies
        }
      }
    }
    Files.delete(PlacedFiles.file(cluster, BUCKET, name));
    assertThat(client.objects().get(BUCKET, name)).isEqualTo(objects.get(name));
  }

  private boolean placedAsHrwSays(String name, List<Snode> ranked) {
    try {
      for (int i = 1; i <= 3; i++) {
        Snode holder = ranked.get(i);
        Node node = cluster.targets().stream().filter(t -> t.snode().id().equals(holder.id())).findFirst().orElseThrow();
        int index = i;
        if (EcSlices.all(List.of(home(node)), BUCKET, name).stream().noneMatch(s -> s.index() == index)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Active targets by HRW weight for the object, the owner first (ties: the later one). */
  private static List<Snode> ranked(Smap smap, String name) {
    long key = Hrw.keyDigest(BUCKET.uname(name));
    List<Snode> targets = new ArrayList<>(smap.activeTargets());
    List<Snode> order = new ArrayList<>();
    while (!targets.isEmpty()) {
      Snode best = Hrw.owner(targets, Snode::idDigest, key);
      order.add(best);
      targets.remove(best);
    }
    return order;
  }

  private List<EcSlices.Slice> slices(String name) {
    try {
      return EcSlices.all(cluster.targets().stream().map(ErasureCodingPlacementIT::home).toList(), BUCKET, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path home(Node target) {
    return Path.of(target.config().mountpaths().getFirst()).getParent();
  }
}
