package io.jais.node.storage;

import java.util.List;

/**
 * A page of a local listing, sorted by name in UTF-8 byte order. {@code continuationToken} is the
 * last name when the page is full (there may be more: pass it as the next {@code startAfter}),
 * and empty when the listing is complete.
 */
public record ListPage(List<ListEntry> entries, String continuationToken) {
  public ListPage {
    entries = List.copyOf(entries);
  }

  public boolean complete() {
    return continuationToken.isEmpty();
  }
}
