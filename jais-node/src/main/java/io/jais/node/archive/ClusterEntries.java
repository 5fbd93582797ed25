package io.jais.node.archive;

import io.jais.api.batch.MossIn;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import java.io.IOException;

/**
 * Opens an entry where it lives: on this target through its object service when this target owns
 * it by HRW (or no target does), else on its owner ({@link PeerEntries}), for the job {@code xid}.
 */
public final class ClusterEntries {
  private final ClusterState state;
  private final LocalEntries local;
  private final PeerEntries peers;

  public ClusterEntries(ClusterState state, ObjectService objects, IntraClient intra) {
    this.state = state;
    this.local = new LocalEntries(objects);
    this.peers = new PeerEntries(intra);
  }

  /**
   * @throws io.jais.api.error.JaisException as {@link LocalEntries#open} (from the owner too)
   */
  public OpenEntry open(MossIn in, Bucket bucket, String xid) throws IOException, InterruptedException {
    Snode owner = state.smap().owner(bucket, in.objname());
    if (owner == null || owner.id().equals(state.self().id())) {
      return local.open(in, bucket, Caller.job(xid));
    }
    return peers.open(owner, xid, in, bucket);
  }

  /** This target's entries only: what the owner serves to {@link PeerEntries}. */
  public LocalEntries local() {
    return local;
  }
}
