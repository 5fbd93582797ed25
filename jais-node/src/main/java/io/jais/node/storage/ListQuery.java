package io.jais.node.storage;

import java.util.Objects;

/**
 * One page request of a local listing.
 *
 * @param prefix only names starting with it ("" for all)
 * @param startAfter only names strictly greater, in UTF-8 byte order ("" for no bound)
 * @param limit page size; 0 means {@value #DEFAULT_PAGE_SIZE} (AIS's page size for ais buckets)
 * @param recursive false lists only the immediate children under the prefix's directory, plus one
 *     virtual directory entry ({@code "dir/"}) per subdirectory
 * @param metadata whether entries need their metadata (size, checksum, atime, ...); false lists
 *     names only, from the directory entries, without reading an object's metadata (AIS
 *     {@code name-only}): an object whose metadata is unreadable is then listed too
 */
public record ListQuery(String prefix, String startAfter, int limit, boolean recursive, boolean metadata) {
  public static final int DEFAULT_PAGE_SIZE = 10_000;

  public ListQuery {
    prefix = Objects.requireNonNullElse(prefix, "");
    startAfter = Objects.requireNonNullElse(startAfter, "");
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    limit = limit == 0 ? DEFAULT_PAGE_SIZE : limit;
  }

  /** A page with every entry's metadata. */
  public ListQuery(String prefix, String startAfter, int limit, boolean recursive) {
    this(prefix, startAfter, limit, recursive, true);
  }

  /** Everything, recursively, in pages of the default size. */
  public static ListQuery all() {
    return new ListQuery("", "", 0, true);
  }
}
