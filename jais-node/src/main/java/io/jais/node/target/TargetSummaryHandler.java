package io.jais.node.target;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.object.TargetSummary;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ListPage;
import io.jais.node.storage.ListQuery;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import java.io.IOException;

/** The target's part of a bucket summary: counts and sizes of its objects under a prefix. */
public final class TargetSummaryHandler {
  private static final int PAGE = 10_000;
  private static final long BLOCK = 4096;

  private final ClusterState state;
  private final ObjectStore store;

  public TargetSummaryHandler(ClusterState state, ObjectStore store) {
    this.state = state;
    this.store = store;
  }

  public Response summarize(Request request) throws IOException {
    Bucket bucket = BucketParams.of(request);
    if (!state.bmd().contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
    String prefix = request.query("prefix", "");
    TargetSummary total = TargetSummary.EMPTY;
    String after = "";
    while (true) {
      ListPage page = store.list(bucket, new ListQuery(prefix, after, PAGE, true));
      for (ListEntry entry : page.entries()) {
        long blocks = (entry.size() + BLOCK - 1) / BLOCK * BLOCK;
        total = total.plus(new TargetSummary(1, entry.size(), entry.size(), entry.size(), blocks, 0));
      }
      if (page.entries().size() < PAGE) {
        break;
      }
      after = page.entries().get(page.entries().size() - 1).name();
    }
    long disks = 0;
    for (Mountpath.Capacity capacity : store.capacity().values()) {
      disks += capacity.total();
    }
    return Response.json(total.plus(new TargetSummary(0, 0, 0, 0, 0, disks)));
  }
}
