package io.jais.api.msgpack;

import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes list-objects pages in the msgpack form the AIS SDK requires
 * (docs/native-api.md#listing-objects):
 * top-level keys {@code UUID ContinuationToken Entries Flags}; entries with short keys, empty
 * fields omitted.
 */
public final class ListObjectsCodec {
  /** The exact Content-Type the SDK checks before decoding msgpack. */
  public static final String CONTENT_TYPE = "application/msgpack";

  private ListObjectsCodec() {}

  public static byte[] encode(ListObjectsPage page) {
    MsgpackWriter w = new MsgpackWriter(64 + page.entries().size() * 96);
    w.mapHeader(4);
    w.string("UUID").string(page.uuid());
    w.string("ContinuationToken").string(page.continuationToken());
    w.string("Entries").arrayHeader(page.entries().size());
    for (ObjectEntry e : page.entries()) {
      writeEntry(w, e);
    }
    w.string("Flags").integer(page.flags());
    return w.toByteArray();
  }

  private static void writeEntry(MsgpackWriter w, ObjectEntry e) {
    int fields = 1 + nonEmpty(e.checksum()) + nonEmpty(e.atime()) + nonEmpty(e.version()) + nonEmpty(e.location())
        + nonEmpty(e.custom()) + (e.size() != 0 ? 1 : 0) + (e.copies() != 0 ? 1 : 0) + (e.flags() != 0 ? 1 : 0);
    w.mapHeader(fields);
    w.string("n").string(e.name());
    stringField(w, "cs", e.checksum());
    stringField(w, "a", e.atime());
    stringField(w, "v", e.version());
    stringField(w, "t", e.location());
    stringField(w, "m", e.custom());
    if (e.size() != 0) {
      w.string("s").integer(e.size());
    }
    if (e.copies() != 0) {
      w.string("c").integer(e.copies());
    }
    if (e.flags() != 0) {
      w.string("f").integer(e.flags());
    }
  }

  private static int nonEmpty(String s) {
    return s.isEmpty() ? 0 : 1;
  }

  private static void stringField(MsgpackWriter w, String key, String value) {
    if (!value.isEmpty()) {
      w.string(key).string(value);
    }
  }

  /** Decodes a page; throws IllegalArgumentException when the input is not a page. */
  @SuppressWarnings("unchecked")
  public static ListObjectsPage decode(byte[] data) {
    if (!(new MsgpackReader(data).read() instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException("list-objects reply is not a msgpack map");
    }
    List<ObjectEntry> entries = new ArrayList<>();
    if (top.get("Entries") instanceof List<?> list) {
      for (Object item : list) {
        entries.add(entry((Map<String, Object>) item));
      }
    }
    return new ListObjectsPage(str(top.get("UUID")), str(top.get("ContinuationToken")), entries, num(top.get("Flags")));
  }

  private static ObjectEntry entry(Map<String, Object> m) {
    return new ObjectEntry(str(m.get("n")), str(m.get("cs")), str(m.get("a")), str(m.get("v")), str(m.get("t")),
        str(m.get("m")), num(m.get("s")), (int) num(m.get("c")), (int) num(m.get("f")));
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
