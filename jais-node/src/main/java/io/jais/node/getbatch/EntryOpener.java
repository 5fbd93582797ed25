package io.jais.node.getbatch;

import io.jais.api.batch.MossIn;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.objects.Caller;
import java.io.IOException;

/**
 * Opens an entry where it lives: on this target through its object service when this target owns
 * it by HRW (or no target does), else on its owner ({@link PeerEntries}). A 404 (object, member or
 * bucket gone) is a missing entry when the request continues on errors; anything else fails.
 */
final class EntryOpener {
  private final ClusterState state;
  private final LocalEntries local;
  private final PeerEntries peers;

  EntryOpener(ClusterState state, LocalEntries local, PeerEntries peers) {
    this.state = state;
    this.local = local;
    this.peers = peers;
  }

  EntryOutcome open(BatchPlan plan, int i, String xid) throws IOException, InterruptedException {
    MossIn in = plan.req().in().get(i);
    Bucket bucket = plan.buckets().get(i);
    try {
      Snode owner = state.smap().owner(bucket, in.objname());
      if (owner == null || owner.id().equals(state.self().id())) {
        return EntryOutcome.found(local.open(in, bucket, Caller.job(xid)));
      }
      return EntryOutcome.found(peers.open(owner, xid, in, bucket));
    } catch (JaisException e) {
      if (e.status() == 404 && plan.req().continueOnError()) {
        return EntryOutcome.missing(e.getMessage());
      }
      throw e;
    }
  }
}
