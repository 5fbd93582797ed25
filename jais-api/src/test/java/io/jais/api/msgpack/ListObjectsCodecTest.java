package io.jais.api.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.object.EntryFlags;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListObjectsCodecTest {
  @Test
  void encode_page_usesAisKeysAndOmitsEmptyFields() {
    ListObjectsPage page = new ListObjectsPage("sess", "", List.of(ObjectEntry.named("a", EntryFlags.IS_CACHED)), 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) new MsgpackReader(ListObjectsCodec.encode(page)).read();
    assertThat(top).containsOnlyKeys("UUID", "ContinuationToken", "Entries", "Flags");
    assertThat(top.get("Entries")).isEqualTo(List.of(Map.of("n", "a", "f", 64L)));
  }

  @Test
  void decode_encodedPage_roundTripsEveryField() {
    List<ObjectEntry> entries = new ArrayList<>();
    for (int i = 0; i < 70_000; i += 7_000) {
      entries.add(new ObjectEntry("obj-" + i + "-ü-".repeat(i % 3 * 20), "0123456789abcdef", "01 Jan 26 10:00 UTC",
          Integer.toString(i), "t[x]:/mp", "[k:v]", (long) i * 1_000_003L, 1, EntryFlags.IS_CACHED));
    }
    ListObjectsPage page = new ListObjectsPage("uuid-1", "obj-9", entries, 3);
    assertThat(ListObjectsCodec.decode(ListObjectsCodec.encode(page))).isEqualTo(page);
  }

  @Test
  void integer_everyEncodingWidth_roundTrips() {
    long[] values = {0, 127, 128, 255, 256, 65535, 65536, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE, -1, -32, -33, -40000,
        Long.MIN_VALUE};
    for (long v : values) {
      assertThat(new MsgpackReader(new MsgpackWriter(8).integer(v).toByteArray()).read()).as("" + v).isEqualTo(v);
    }
  }

  @Test
  void decode_truncatedInput_isIllegalArgument() {
    byte[] full = ListObjectsCodec.encode(new ListObjectsPage("u", "t", List.of(ObjectEntry.named("abc", 0)), 0));
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
    assertThatThrownBy(() -> ListObjectsCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
  }
}
