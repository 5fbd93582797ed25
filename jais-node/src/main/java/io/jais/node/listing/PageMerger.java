package io.jais.node.listing;

import io.jais.api.object.ObjectEntry;
import io.jais.node.storage.ObjectName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the sorted pages of all targets into one page of the cluster-wide listing.
 *
 * <p>Design notes. Each target returns up to {@code pageSize} of its own names after the
 * continuation token, sorted in UTF-8 byte order. Every name lives on exactly one target, so the
 * first {@code pageSize} names of the k-way merge are exactly the next page; virtual directories
 * may come from several targets and are de-duplicated. The page is full when it has
 * {@code pageSize} entries, and then its last name is the next token: any name a target did not
 * send is greater than that target's last sent name, hence greater than the token, so nothing is
 * skipped or repeated across pages.
 */
public final class PageMerger {
  /**
   * Byte-wise UTF-8 order: the order AIS lists in (it differs from UTF-16 for supplementary
   * characters). Compared in place, without encoding: a merge compares names log(targets) times each.
   */
  public static final Comparator<String> UTF8_ORDER = ObjectName.UTF8_ORDER;

  private PageMerger() {}

  /** The merged page: at most {@code pageSize} entries in name order. */
  public static List<ObjectEntry> merge(List<List<ObjectEntry>> pages, int pageSize) {
    record Cursor(List<ObjectEntry> page, int index) {
      ObjectEntry head() {
        return page.get(index);
      }
    }
    PriorityQueue<Cursor> heads = new PriorityQueue<>(Math.max(1, pages.size()),
        (x, y) -> UTF8_ORDER.compare(x.head().name(), y.head().name()));
    for (List<ObjectEntry> page : pages) {
      if (!page.isEmpty()) {
        heads.add(new Cursor(page, 0));
      }
    }
    List<ObjectEntry> merged = new ArrayList<>(Math.min(pageSize, 1024));
    String last = null;
    while (!heads.isEmpty() && merged.size() < pageSize) {
      Cursor c = heads.poll();
      ObjectEntry entry = c.head();
      if (!entry.name().equals(last)) {
        merged.add(entry);
        last = entry.name();
      }
      if (c.index() + 1 < c.page().size()) {
        heads.add(new Cursor(c.page(), c.index() + 1));
      }
    }
    return merged;
  }
}
