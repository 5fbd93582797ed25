package io.jais.node.job.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.json.WireJson;
import io.jais.api.object.TargetSummary;
import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ListPage;
import io.jais.node.storage.ListQuery;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;

/**
 * {@code summary-bck}: this target's counts and sizes of a bucket's objects under a prefix. The
 * result is the snapshot's {@code ext} (a {@link TargetSummary}); the proxy sums the targets'.
 * Reads only. Abort stops between listing pages.
 */
final class BucketSummaryJob extends Job {
  private static final int PAGE = 10_000;
  private static final long BLOCK = 4096;

  private final ObjectStore store;
  private final Bucket bucket;
  private final String prefix;
  private volatile TargetSummary result;

  BucketSummaryJob(JobStart start, TargetServices target) {
    super(start);
    this.store = target.store();
    this.bucket = KindParams.requireBucket(start, target.state());
    this.prefix = KindParams.Prefix.of(start).prefix();
  }

  @Override
  protected void execute() throws Exception {
    parallelism(0, 1);
    TargetSummary total = TargetSummary.EMPTY;
    String after = "";
    while (true) {
      checkAborted();
      ListPage page = store.list(bucket, new ListQuery(prefix, after, PAGE, true));
      for (ListEntry entry : page.entries()) {
        long blocks = (entry.size() + BLOCK - 1) / BLOCK * BLOCK;
        total = total.plus(new TargetSummary(1, entry.size(), entry.size(), entry.size(), blocks, 0));
        counters().processed(entry.size());
      }
      if (page.entries().size() < PAGE) {
        break;
      }
      after = page.entries().getLast().name();
    }
    long disks = 0;
    for (Mountpath.Capacity capacity : store.capacity().values()) {
      disks += capacity.total();
    }
    result = total.plus(new TargetSummary(0, 0, 0, 0, 0, disks));
  }

  @Override
  protected JsonNode ext() {
    TargetSummary done = result;
    return done == null ? null : WireJson.MAPPER.valueToTree(done);
  }

  @Override
  protected String describe() {
    return bucket.uri() + (prefix.isEmpty() ? "" : ", prefix:" + prefix);
  }
}
