package io.jais.node.listing;

import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectEntry;

/**
 * Which entry properties a listing returns (docs/native-api.md#listing-objects): names always; the rest
 * as asked in
 * {@code props}, matched by substring as AIS does. An empty {@code props} means name and size;
 * {@code NAME_ONLY} drops everything but names and flags.
 */
public record PropsSelection(boolean size, boolean checksum, boolean atime, boolean version, boolean location,
    boolean custom, boolean copies) {

  /** Every property. */
  public static final PropsSelection ALL = new PropsSelection(true, true, true, true, true, true, true);

  public static PropsSelection of(ListObjectsMsg msg) {
    if (msg.has(ListFlags.NAME_ONLY) || msg.props().equals("name")) {
      return new PropsSelection(false, false, false, false, false, false, false);
    }
    String p = msg.props();
    if (p.isEmpty() || msg.has(ListFlags.NAME_SIZE)) {
      return new PropsSelection(true, false, false, false, false, false, false);
    }
    return new PropsSelection(p.contains("size"), p.contains("checksum"), p.contains("atime"), p.contains("version"),
        p.contains("location"), p.contains("custom"), p.contains("copies"));
  }

  /** Whether only names are wanted: a target then reads no object's metadata. */
  public boolean nameOnly() {
    return !size && !checksum && !atime && !version && !location && !custom && !copies;
  }

  public ObjectEntry apply(ObjectEntry e) {
    if (e.isDir()) {
      return e;
    }
    return new ObjectEntry(e.name(), checksum ? e.checksum() : "", atime ? e.atime() : "", version ? e.version() : "",
        location ? e.location() : "", custom ? e.custom() : "", size ? e.size() : 0, copies ? e.copies() : 0,
        e.flags());
  }
}
