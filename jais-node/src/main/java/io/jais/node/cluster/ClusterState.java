package io.jais.node.cluster;

import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.Rmd;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.Versioned;
import io.jais.api.config.ClusterConfig;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.meta.MetaOwner;
import io.jais.node.meta.MetaStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The cluster metadata one node holds: its own identity and the newest Smap, BMD, cluster config
 * and rebalance metadata (RMD) it has seen, each persisted under the node's metadata directory.
 */
public final class ClusterState {
  private final Snode self;
  private final MetaOwner<Smap> smap;
  private final MetaOwner<Bmd> bmd;
  private final MetaOwner<ClusterConfig> config;
  private final MetaOwner<Rmd> rmd;

  private ClusterState(Snode self, MetaOwner<Smap> smap, MetaOwner<Bmd> bmd, MetaOwner<ClusterConfig> config,
      MetaOwner<Rmd> rmd) {
    this.self = self;
    this.smap = smap;
    this.bmd = bmd;
    this.config = config;
    this.rmd = rmd;
  }

  /** Loads the node's persisted documents from {@code metaDir} (empty ones on first start). */
  public static ClusterState load(Snode self, Path metaDir) throws IOException {
    return new ClusterState(self,
        MetaOwner.load(new MetaStore<>(metaDir.resolve("smap.json"), Smap.class), Smap.empty()),
        MetaOwner.load(new MetaStore<>(metaDir.resolve("bmd.json"), Bmd.class), Bmd.empty()),
        MetaOwner.load(new MetaStore<>(metaDir.resolve("config.json"), ClusterConfig.class), ClusterConfig.defaults()),
        MetaOwner.load(new MetaStore<>(metaDir.resolve("rmd.json"), Rmd.class), Rmd.empty()));
  }

  public Snode self() {
    return self;
  }

  public Smap smap() {
    return smap.get();
  }

  public Bmd bmd() {
    return bmd.get();
  }

  public ClusterConfig config() {
    return config.get();
  }

  public MetaOwner<Smap> smapOwner() {
    return smap;
  }

  public MetaOwner<Bmd> bmdOwner() {
    return bmd;
  }

  public MetaOwner<ClusterConfig> configOwner() {
    return config;
  }

  public Rmd rmd() {
    return rmd.get();
  }

  public MetaOwner<Rmd> rmdOwner() {
    return rmd;
  }

  public boolean isPrimary() {
    return smap.get().isPrimary(self.id());
  }

  /** The cluster UUID, empty until this node has joined or formed a cluster. */
  public String clusterUuid() {
    return smap.get().uuid();
  }

  /** All documents, for a node that joins or lags behind. */
  public MetaPayload snapshot() {
    return new MetaPayload(smap.get(), bmd.get(), config.get(), rmd.get());
  }

  /** The documents newer than the given versions; empty when the caller is up to date. */
  public MetaPayload newerThan(long smapVersion, long bmdVersion, long configVersion, long rmdVersion) {
    Smap s = smap.get();
    Bmd b = bmd.get();
    ClusterConfig c = config.get();
    Rmd r = rmd.get();
    return new MetaPayload(s.version() > smapVersion ? s : null, b.version() > bmdVersion ? b : null,
        c.version() > configVersion ? c : null, r.version() > rmdVersion ? r : null);
  }

  /**
   * Takes documents pushed by {@code sender} (metasync): only from the primary of our cluster map
   * or from a new primary (a map of our cluster naming the sender primary, newer than ours), only
   * of our cluster, only newer versions (older and equal ones are ignored).
   *
   * @throws JaisException FORBIDDEN from any node but the primary or before this node has a
   *     cluster map; CONFLICT for documents of another cluster or without a cluster UUID
   */
  public void acceptFrom(String sender, MetaPayload payload) {
    Snode primary = smap.get().primary();
    if (primary == null) {
      // not joined yet: the join reply is on its way; a map from the sender naming itself primary
      // and this node a member says the same
      Smap pushed = payload.smap();
      if (pushed == null || pushed.primary() == null || !pushed.primary().id().equals(sender)
          || !pushed.contains(self.id())) {
        throw new JaisException(ErrorCode.FORBIDDEN, "metasync from " + sender + " refused: "
            + self.displayName() + " has not joined a cluster yet");
      }
      accept(payload);
      return;
    }
    String uuid = clusterUuid();
    if (!primary.id().equals(sender) && !isNewPrimary(sender, payload.smap(), smap.get())) {
      throw new JaisException(ErrorCode.FORBIDDEN, "metasync from " + sender + " refused: only the primary ("
          + primary.id() + ") distributes cluster metadata");
    }
    for (Versioned<?> doc : new Versioned<?>[] {payload.smap(), payload.bmd(), payload.config(), payload.rmd()}) {
      if (doc != null && !uuid.equals(doc.uuid())) {
        throw new JaisException(ErrorCode.CONFLICT, doc.kind() + " v" + doc.version() + " of cluster \""
            + doc.uuid() + "\" refused: " + self.displayName() + " is in cluster " + uuid);
      }
    }
    accept(payload);
  }

  /**
   * A primary this node does not know yet (elected, or moved with set-primary): its map of our
   * cluster names the sender itself primary, as a proxy of that map, with a version above ours.
   * The sender's identity is verified (cluster secret) before this is asked; an old primary coming
   * back with a stale map fails the version test.
   */
  private static boolean isNewPrimary(String sender, Smap pushed, Smap ours) {
    return pushed != null && pushed.primary() != null && pushed.primary().id().equals(sender)
        && pushed.proxies().containsKey(sender) && ours.uuid().equals(pushed.uuid())
        && pushed.version() > ours.version();
  }

  /**
   * Takes the documents that are newer than ours (a join or keepalive reply from the primary this
   * node called, or a verified metasync). The Smap goes first so that listeners of the BMD and
   * config already see the membership they were computed for; the RMD goes last, so that the
   * rebalance it starts sees the Smap and buckets it was made for.
   */
  public void accept(MetaPayload payload) {
    if (payload.smap() != null) {
      smap.accept(payload.smap());
    }
    if (payload.config() != null) {
      config.accept(payload.config());
    }
    if (payload.bmd() != null) {
      bmd.accept(payload.bmd());
    }
    if (payload.rmd() != null) {
      rmd.accept(payload.rmd());
    }
  }
}
