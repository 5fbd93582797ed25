package io.jais.api.object;

import java.util.List;

/**
 * One page of a listing (AIS LsoRes). {@code uuid} identifies the listing session and is never
 * empty; {@code continuationToken} is the last name of a full page and empty on the last page.
 */
public record ListObjectsPage(String uuid, String continuationToken, List<ObjectEntry> entries, long flags) {
  public ListObjectsPage {
    uuid = uuid == null ? "" : uuid;
    continuationToken = continuationToken == null ? "" : continuationToken;
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
