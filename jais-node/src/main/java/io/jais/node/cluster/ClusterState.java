package io.jais.node.cluster;

import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ClusterConfig;
import io.jais.node.meta.MetaOwner;
import io.jais.node.meta.MetaStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The cluster metadata one node holds: its own identity and the newest Smap, BMD and cluster
 * config it has seen, each persisted under the node's metadata directory.
 */
public final class ClusterState {
  private final Snode self;
  private final MetaOwner<Smap> smap;
  private final MetaOwner<Bmd> bmd;
  private final MetaOwner<ClusterConfig> config;

  private ClusterState(Snode self, MetaOwner<Smap> smap, MetaOwner<Bmd> bmd, MetaOwner<ClusterConfig> config) {
    this.self = self;
    this.smap = smap;
    this.bmd = bmd;
    this.config = config;
  }

  /** Loads the node's persisted documents from {@code metaDir} (empty ones on first start). */
  public static ClusterState load(Snode self, Path metaDir) throws IOException {
    return new ClusterState(self,
        MetaOwner.load(new MetaStore<>(metaDir.resolve("smap.json"), Smap.class), Smap.empty()),
        MetaOwner.load(new MetaStore<>(metaDir.resolve("bmd.json"), Bmd.class), Bmd.empty()),
        MetaOwner.load(new MetaStore<>(metaDir.resolve("config.json"), ClusterConfig.class), ClusterConfig.defaults()));
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

  public boolean isPrimary() {
    return smap.get().isPrimary(self.id());
  }

  /** The cluster UUID, empty until this node has joined or formed a cluster. */
  public String clusterUuid() {
    return smap.get().uuid();
  }

  /** All three documents, for a node that joins or lags behind. */
  public MetaPayload snapshot() {
    return new MetaPayload(smap.get(), bmd.get(), config.get());
  }

  /** The documents newer than the given versions; empty when the caller is up to date. */
  public MetaPayload newerThan(long smapVersion, long bmdVersion, long configVersion) {
    Smap s = smap.get();
    Bmd b = bmd.get();
    ClusterConfig c = config.get();
    return new MetaPayload(s.version() > smapVersion ? s : null, b.version() > bmdVersion ? b : null,
        c.version() > configVersion ? c : null);
  }

  /**
   * Takes the pushed documents that are newer than ours. The Smap goes first so that listeners of
   * the BMD and config already see the membership they were computed for.
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
  }
}
