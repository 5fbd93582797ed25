package io.jais.node.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.node.storage.ByteRange;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartLayoutTest {
  private static final long MIB = 1 << 20;

  @Test
  void equalPartsButTheLast_areTwoRuns_andEachPartIsWhereItWasUploaded() {
    List<Long> sizes = new ArrayList<>(Collections.nCopies(12, 8 * MIB));
    sizes.add(1234L);
    PartLayout layout = PartLayout.of(sizes);
    assertThat(layout.text()).hasValue("8388608x12,1234");
    assertThat(layout.count()).isEqualTo(13);
    assertThat(layout.total()).isEqualTo(12 * 8 * MIB + 1234);
    assertThat(layout.part(1)).isEqualTo(new ByteRange(0, 8 * MIB));
    assertThat(layout.part(12)).isEqualTo(new ByteRange(11 * 8 * MIB, 8 * MIB));
    assertThat(layout.part(13)).isEqualTo(new ByteRange(12 * 8 * MIB, 1234));
    assertThat(PartLayout.parse(layout.text().orElseThrow())).hasValue(layout);
  }

  @Test
  void differentSizes_everyPartAtItsOffset() {
    PartLayout layout = PartLayout.of(List.of(5 * MIB, 6 * MIB, 6 * MIB, 5 * MIB, 0L));
    assertThat(layout.text()).hasValue("5242880,6291456x2,5242880,0");
    long offset = 0;
    long[] expected = {5 * MIB, 6 * MIB, 6 * MIB, 5 * MIB, 0};
    for (int n = 1; n <= 5; n++) {
      assertThat(layout.part(n)).isEqualTo(new ByteRange(offset, expected[n - 1]));
      offset += expected[n - 1];
    }
    assertThat(PartLayout.parse(layout.text().orElseThrow())).hasValue(layout);
  }

  @Test
  void aLayoutTooLongToKeep_hasNoText() {
    List<Long> sizes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      sizes.add(5 * MIB + i);
    }
    assertThat(PartLayout.of(sizes).text()).isEmpty();
  }

  @Test
  void parse_refusesWhatIsNoLayout() {
    for (String bad : new String[] {null, "", "x", "5x", "5x0", "-1", "5,,6", "5x10001", "abc", "5x2x3",
        "9223372036854775807"}) {
      assertThat(PartLayout.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void ofObject_needsALayoutMatchingItsSizeAndEtag() {
    String etag = "0123456789abcdef0123456789abcdef-3";
    assertThat(PartLayout.of(meta(15, Map.of("ETag", etag, PartLayout.KEY, "5x3")))).isPresent();
    assertThat(PartLayout.of(meta(16, Map.of("ETag", etag, PartLayout.KEY, "5x3")))).isEmpty();
    assertThat(PartLayout.of(meta(15, Map.of("ETag", etag.replace("-3", "-2"), PartLayout.KEY, "5x3"))))
        .isEmpty();
    assertThat(PartLayout.of(meta(15, Map.of("ETag", etag)))).isEmpty();
    assertThat(PartLayout.multipartCount(meta(15, Map.of("ETag", etag)))).isEqualTo(3);
    assertThat(PartLayout.multipartCount(meta(15, Map.of("ETag", "0123456789abcdef0123456789abcdef"))))
        .isZero();
    assertThat(PartLayout.multipartCount(meta(15, Map.of()))).isZero();
  }

  private static ObjectMeta meta(long size, Map<String, String> custom) {
    return new ObjectMeta(size, Checksum.NONE, "1", 0, 0, custom, List.of());
  }
}
