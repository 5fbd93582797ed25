package io.jais.node.archive;

import io.jais.api.ApiPath;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.json.WireJson;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ObjectEntry;
import io.jais.node.cluster.IntraClient;
import io.jais.node.listing.PageMerger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The names of a bucket's objects under a prefix on every target, in name order, a page at a
 * time (each target's listing page, merged as the proxy merges them). What a job needs that
 * collects objects from the whole cluster on one target (the owner of a shard being written).
 * Failures surface as {@link UncheckedIOException}.
 */
final class ClusterNames implements Iterator<String> {
  private static final int PAGE = 1_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final IntraClient intra;
  private final List<Snode> targets;
  private final Bucket bucket;
  private final String prefix;
  private final boolean recursive;
  private final Deque<String> page = new ArrayDeque<>();
  private String after = "";
  private boolean last;

  ClusterNames(IntraClient intra, List<Snode> targets, Bucket bucket, String prefix, boolean recursive) {
    this.intra = intra;
    this.targets = targets;
    this.bucket = bucket;
    this.prefix = prefix;
    this.recursive = recursive;
  }

  @Override
  public boolean hasNext() {
    while (page.isEmpty() && !last) {
      fill();
    }
    return !page.isEmpty();
  }

  private void fill() {
    long flags = ListFlags.NAME_ONLY | (recursive ? 0 : ListFlags.NO_RECURSION);
    byte[] body = WireJson.toBytes(new ListObjectsMsg(prefix, PAGE, "archive", "name", after, flags, "", ""));
    List<List<ObjectEntry>> pages = new ArrayList<>(targets.size());
    try {
      for (Snode target : targets) {
        pages.add(ListObjectsCodec.decode(intra.bytes("POST", IntraClient.bucketUrl(target, ApiPath.TARGET_LIST, bucket),
            body, "application/json", TIMEOUT)).entries());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ObjectEntry> merged = PageMerger.merge(pages, PAGE);
    last = merged.size() < PAGE;
    for (ObjectEntry entry : merged) {
      after = entry.name();
      if (!entry.isDir()) {
        page.add(entry.name());
      }
    }
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.poll();
  }
}
