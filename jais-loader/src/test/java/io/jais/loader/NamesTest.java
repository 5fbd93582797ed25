package io.jais.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NamesTest {
  private final SplittableRandom random = new SplittableRandom(11);

  @Test
  void sequentialNamesAreZeroPaddedAndInOrder() {
    Names names = new Names("p/", true, 0);
    assertThat(names.nextPut(random)).isEqualTo("p/0000000000");
    assertThat(names.nextPut(random)).isEqualTo("p/0000000001");
    assertThat(names.indexed(12_345_678_901L)).isEqualTo("p/12345678901");
  }

  @Test
  void distinctCapCyclesOverTheSameNames() {
    Names seq = new Names("x", true, 3);
    assertThat(List.of(seq.nextPut(random), seq.nextPut(random), seq.nextPut(random), seq.nextPut(random)))
        .containsExactly("x0000000000", "x0000000001", "x0000000002", "x0000000000");
    Names rnd = new Names("x", false, 3);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(rnd.nextPut(random));
    }
    assertThat(seen).containsExactlyInAnyOrder("x0000000000", "x0000000001", "x0000000002");
  }

  @Test
  void randomNamesAreUniqueHex() {
    Names names = new Names("r/", false, 0);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String n = names.nextPut(random);
      assertThat(n).matches("r/[0-9a-f]{16}");
      seen.add(n);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void getsReadKnownObjectsOnlyAndSequentialGetsGoRoundRobin() {
    Names names = new Names("p/", true, 0);
    assertThat(names.nextGet(random)).isNull();
    names.addExisting(List.of("a", "b"));
    names.written("c");
    names.written("c"); // overwrite: known once, cleaned up once
    names.addExisting(List.of("a"));
    assertThat(names.knownCount()).isEqualTo(3);
    assertThat(List.of(names.nextGet(random), names.nextGet(random), names.nextGet(random), names.nextGet(random)))
        .containsExactly("a", "b", "c", "a");
    assertThat(names.written()).containsExactly("c");
  }
}
