package io.jais.node.getbatch;

import io.jais.api.batch.MossIn;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.node.archive.ClusterEntries;
import java.io.IOException;

/**
 * Opens a batch's entry where it lives ({@link ClusterEntries}). A 404 (object, member or
 * bucket gone) is a missing entry when the request continues on errors; anything else fails.
 */
final class EntryOpener {
  private final ClusterEntries entries;

  EntryOpener(ClusterEntries entries) {
    this.entries = entries;
  }

  EntryOutcome open(BatchPlan plan, int i, String xid) throws IOException, InterruptedException {
    MossIn in = plan.req().in().get(i);
    Bucket bucket = plan.buckets().get(i);
    try {
      return EntryOutcome.found(entries.open(in, bucket, xid));
    } catch (JaisException e) {
      if (e.status() == 404 && plan.req().continueOnError()) {
        return EntryOutcome.missing(e.getMessage());
      }
      throw e;
    }
  }
}
