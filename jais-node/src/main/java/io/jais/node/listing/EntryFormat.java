package io.jais.node.listing;

import io.jais.api.object.EntryFlags;
import io.jais.api.object.ObjectEntry;
import io.jais.node.storage.ListEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Renders a target's stored entries as wire list entries, every property filled in. */
public final class EntryFormat {
  /** Go's RFC822 layout {@code 02 Jan 06 15:04 MST}, the AIS default for {@code atime}. */
  private static final DateTimeFormatter RFC822 =
      DateTimeFormatter.ofPattern("dd MMM yy HH:mm 'UTC'", Locale.US).withZone(ZoneOffset.UTC);

  private EntryFormat() {}

  public static ObjectEntry of(ListEntry entry, String targetId) {
    return of(entry, targetId, PropsSelection.ALL);
  }

  /** Only the selected properties (formatting an atime or a location costs more than the rest). */
  public static ObjectEntry of(ListEntry entry, String targetId, PropsSelection selected) {
    if (entry.dir()) {
      return ObjectEntry.named(entry.name(), EntryFlags.IS_DIR);
    }
    String atime = !selected.atime() || entry.atimeNanos() == 0 ? ""
        : RFC822.format(Instant.ofEpochSecond(0, entry.atimeNanos()));
    return new ObjectEntry(entry.name(), selected.checksum() ? entry.checksum().value() : "", atime,
        selected.version() ? entry.version() : "",
        selected.location() ? "t[" + targetId + "]:" + entry.mountpath() : "",
        selected.custom() ? custom(entry.custom()) : "", selected.size() ? entry.size() : 0,
        selected.copies() ? 1 : 0, EntryFlags.IS_CACHED);
  }

  /** AIS {@code CustomMD2S}: {@code [k1:v1 k2:v2]}; empty when there is none. */
  static String custom(Map<String, String> custom) {
    if (custom.isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner(" ", "[", "]");
    custom.forEach((k, v) -> joined.add(k + ":" + v));
    return joined.toString();
  }
}
