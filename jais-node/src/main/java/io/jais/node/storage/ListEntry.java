package io.jais.node.storage;

import java.util.Map;

/**
 * One listed object, or a virtual directory ({@code dir == true}, name ending in {@code /}, other
 * fields empty). {@code mountpath} is where the object was found; the target renders it as
 * {@code t[<id>]:<mountpath>}.
 */
public record ListEntry(
    String name,
    long size,
    Checksum checksum,
    long atimeNanos,
    String version,
    Map<String, String> custom,
    String mountpath,
    boolean dir) {

  static ListEntry object(String name, ObjectMeta meta, Mountpath mountpath) {
    return new ListEntry(name, meta.size(), meta.checksum(), meta.atimeNanos(), meta.version(), meta.custom(),
        mountpath.path().toString(), false);
  }

  /** An object listed by name only ({@link ListQuery#metadata} false): no metadata was read. */
  static ListEntry nameOnly(String name, Mountpath mountpath) {
    return new ListEntry(name, 0, Checksum.NONE, 0, "", Map.of(), mountpath.path().toString(), false);
  }

  static ListEntry directory(String name) {
    return new ListEntry(name, 0, Checksum.NONE, 0, "", Map.of(), "", true);
  }
}
