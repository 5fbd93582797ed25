package io.jais.node.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.hash.Hrw;
import io.jais.node.storage.Mountpath;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CopyPlacementTest {
  private static final List<Mountpath> MOUNTPATHS = IntStream.rangeClosed(1, 4)
      .mapToObj(i -> new Mountpath(Path.of("/data/mp" + i), Hrw.nodeDigest("/data/mp" + i))).toList();

  private static Mountpath mp(int i) {
    return MOUNTPATHS.get(i - 1);
  }

  @Test
  void neverOnAMountpathThatHoldsTheObject() {
    List<Mountpath> chosen = CopyPlacement.destinations(MOUNTPATHS, Set.of(mp(1).toString(), mp(3).toString()), 3,
        m -> 0, 42);
    assertThat(chosen).containsExactlyInAnyOrder(mp(2), mp(4));
  }

  @Test
  void leastLoadedFirst() {
    Map<Mountpath, Long> load = Map.of(mp(1), 0L, mp(2), 9L, mp(3), 1L, mp(4), 5L);
    List<Mountpath> chosen = CopyPlacement.destinations(MOUNTPATHS, Set.of(mp(1).toString()), 2, load::get, 7);
    assertThat(chosen).containsExactly(mp(3), mp(4));
  }

  @Test
  void noneWantedOrNoneFree_isEmpty() {
    assertThat(CopyPlacement.destinations(MOUNTPATHS, Set.of(), 0, m -> 0, 1)).isEmpty();
    Set<String> all = Set.of(mp(1).toString(), mp(2).toString(), mp(3).toString(), mp(4).toString());
    assertThat(CopyPlacement.destinations(MOUNTPATHS, all, 2, m -> 0, 1)).isEmpty();
  }

  @Test
  void tiesAreDeterministicPerObject_andSpreadOverObjects() {
    Map<Mountpath, Integer> firstChoice = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      long digest = Hrw.keyDigest("ais/@#b/obj-" + i);
      List<Mountpath> once = CopyPlacement.destinations(MOUNTPATHS, Set.of(), 1, m -> 0, digest);
      assertThat(CopyPlacement.destinations(MOUNTPATHS, Set.of(), 1, m -> 0, digest)).isEqualTo(once);
      firstChoice.merge(once.getFirst(), 1, Integer::sum);
    }
    assertThat(firstChoice).hasSize(4);
    assertThat(firstChoice.values()).allSatisfy(count -> assertThat(count).isBetween(50, 150));
  }
}
