package io.jais.api.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HrwTest {
  private static final List<String> TARGETS = List.of("tAbcd8081", "tEfgh8082", "tIjkl8083");

  @Test
  void mix_aisVectors_match() {
    assertThat(Long.toUnsignedString(Hrw.mix(0))).isEqualTo("1905207664160064169");
    assertThat(Long.toUnsignedString(Hrw.mix(4573842))).isEqualTo("5026071747115404967");
  }

  @ParameterizedTest
  @CsvSource({
    "ais/@#/imagenet/train/0001.jpg, tAbcd8081",
    "ais/@#/bck/obj, tEfgh8082",
    "aws/@#/my-s3/a/b/c.txt, tIjkl8083"
  })
  void owner_specVectors_matchAisAndTheSdk(String uname, String expectedOwner) {
    assertThat(Hrw.owner(TARGETS, Hrw::nodeDigest, Hrw.keyDigest(uname))).isEqualTo(expectedOwner);
  }

  @Test
  void owner_tenThousandObjectsOverThreeTargets_withinFivePercentOfEven() {
    Map<String, Integer> counts = new HashMap<>();
    int objects = 10_000;
    for (int i = 0; i < objects; i++) {
      String owner = Hrw.owner(TARGETS, Hrw::nodeDigest, Hrw.keyDigest("ais/@#/ds/train/" + i + ".jpg"));
      counts.merge(owner, 1, Integer::sum);
    }
    double even = objects / 3.0;
    assertThat(counts).hasSize(3);
    counts.values().forEach(n -> assertThat(Math.abs(n - even) / even).isLessThanOrEqualTo(0.05));
  }

  @Test
  void owner_targetAdded_movesOnlyKeysTheNewTargetWins() {
    List<String> grown = List.of("tAbcd8081", "tEfgh8082", "tIjkl8083", "tMnop8084");
    for (int i = 0; i < 5_000; i++) {
      long key = Hrw.keyDigest("ais/@#/b/" + i);
      String before = Hrw.owner(TARGETS, Hrw::nodeDigest, key);
      String after = Hrw.owner(grown, Hrw::nodeDigest, key);
      assertThat(after).isIn(before, "tMnop8084");
    }
  }
}
