package io.jais.node;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.LocalConfig;
import io.jais.api.job.JobKind;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterSecret;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.Election;
import io.jais.node.cluster.Membership;
import io.jais.api.cluster.Rmd;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.cluster.IntraClient;
import io.jais.node.cluster.Liveness;
import io.jais.node.cluster.Metasync;
import io.jais.node.cluster.Primary;
import io.jais.node.cluster.PrimaryLink;
import io.jais.node.daemon.DaemonActions;
import io.jais.node.daemon.DaemonHandler;
import io.jais.node.daemon.VoteHandler;
import io.jais.node.http.EventLoops;
import io.jais.node.http.HandlerThreads;
import io.jais.node.http.IntraAuthenticator;
import io.jais.node.http.NettyServer;
import io.jais.node.http.RouteTable;
import io.jais.node.http.ServerOptions;
import io.jais.node.mirror.Mirroring;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.ec.EcEncodeJob;
import io.jais.node.ec.EcService;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.StagedObjects;
import io.jais.node.logs.LogRotation;
import io.jais.node.logs.NodeLogContext;
import io.jais.node.logs.NodeLogs;
import io.jais.node.metrics.NodeMetrics;
import io.jais.node.job.JobHandler;
import io.jais.node.job.JobKinds;
import io.jais.node.job.Jobs;
import io.jais.api.job.JobKind;
import io.jais.node.archive.ArchiveJob;
import io.jais.node.getbatch.GetBatchHandler;
import io.jais.node.getbatch.GetBatchJobs;
import io.jais.node.getbatch.GetBatchRedirect;
import java.util.concurrent.atomic.AtomicReference;
import io.jais.node.job.kind.TargetJobKinds;
import io.jais.node.job.kind.TargetServices;
import io.jais.node.proxy.ObjectLister;
import io.jais.node.proxy.PrimaryForwarder;
import io.jais.node.proxy.ProxyBucketHandler;
import io.jais.node.proxy.JobCoordinator;
import io.jais.node.proxy.ProxyClusterHandler;
import io.jais.node.proxy.ProxyJobHandler;
import io.jais.node.proxy.NodeReports;
import io.jais.node.proxy.ProxyObjectHandler;
import io.jais.node.proxy.ReverseDaemonHandler;
import io.jais.node.rebalance.MovedObjectReceiver;
import io.jais.node.rebalance.RebalanceCoordinator;
import io.jais.node.rebalance.Resilvering;
import io.jais.node.rebalance.TargetRebalance;
import io.jais.node.s3.S3Options;
import io.jais.node.s3.S3Routes;
import io.jais.node.storage.ObjectStore;
import io.jais.node.target.MountpathHandler;
import io.jais.node.target.PeerObjectHandler;
import io.jais.node.target.StreamedPutReceiver;
import io.jais.node.target.TargetListHandler;
import io.jais.node.target.TargetObjectHandler;
import io.jais.node.transport.ObjectStreams;
import io.jais.node.transport.StreamOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JAIS node, proxy or target: the composition root, the only place that wires services.
 * {@link #start} binds the HTTP server, loads the node's persisted metadata, then either forms or
 * resumes the cluster (primary) or joins the primary.
 *
 * <p>Design notes (roles). Which proxy is primary is decided by the Smap, not by the config: a
 * node with a persisted map first asks its peers for a newer one, then is primary exactly when the
 * map names it. Afterwards every published Smap version triggers {@code syncRole} on one
 * role-switch thread: a proxy the map now names primary (elected, or handed the role) starts a
 * {@link Primary} and pushes all metadata; a primary the map no longer names steps down and starts
 * a {@link PrimaryLink} to the new one. The switch runs off the notifying thread (which holds the
 * Smap's write lock) and under {@code roleLock}, so it never races itself or {@link #close}.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final int PORT_ATTEMPTS = 5; // picks of a free port before a failed bind is final

  /** Control handlers run at once per node (platform threads) and may wait in line. */
  private static final int CONTROL_THREADS = 4;
  private static final int CONTROL_QUEUE = 256;

  private final LocalConfig config;
  private final ClusterState state;
  private final Liveness liveness;
  private final IntraAuth auth;
  /** Intra-cluster calls of the data path: fan-outs, relays, peer requests. */
  private final IntraClient intra;
  /** Intra-cluster calls of the control plane: join, keepalive, metasync, probes. */
  private final IntraClient control;
  private final ObjectStreams streams; // targets only
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private volatile Primary primary;
  private volatile BucketMetadata bucketMetadata;
  private volatile RebalanceCoordinator rebalance; // proxies: acts while this one is primary
  private volatile Membership membership;
  /** Run once the node has closed after being told to leave (a node process exits). */
  private volatile Runnable onLeft = () -> {};
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile PrimaryLink link;
  private Election election;
  /** Role changes (elected, set-primary, stepped down) run here, one at a time, off the notifying thread. */
  private final java.util.concurrent.ExecutorService roleSwitch = java.util.concurrent.Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("role-switch").factory());
  private final Object roleLock = new Object();
  private volatile boolean closing;
  private NettyServer server;
  private NettyServer controlServer;
  private ObjectStore store;
  private NodeLogs logs;
  private NodeMetrics metrics;
  private JobCoordinator jobs; // proxies: shared by the cluster and bucket routes

  private Node(LocalConfig config, ClusterState state, ClusterSecret secret, ObjectStreams streams) {
    this.config = config;
    this.state = state;
    this.streams = streams;
    String id = state.self().id();
    this.liveness = new Liveness(state, System::nanoTime);
    this.auth = new IntraAuth(id, secret, InstantSource.system(), liveness);
    this.intra = new IntraClient(id, () -> state.smap().version(), auth, liveness);
    this.control = new IntraClient(id, () -> state.smap().version(), auth, liveness);
  }

  /** Starts a node; for a non-primary it returns once the node listens (joining continues). */
  public static Node start(LocalConfig config) throws Exception {
    ClusterSecret secret = ClusterSecret.loadOrCreate(ClusterSecret.fileFor(config.clusterSecretFile()));
    if (config.port() != 0 && config.controlPort() != 0) {
      return start(config, secret);
    }
    // The node must know its ports before it listens (its Snode, with its URLs, is built first), so
    // it picks free ones; an outgoing connection's local port comes from the same range and can
    // take one before the bind. Pick again then.
    for (int attempt = 1; ; attempt++) {
      try {
        return start(config.withPorts(pick(config.port(), config.host()), pick(config.controlPort(), config.host()),
            config.dataPort()), secret);
      } catch (BindException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw e;
        }
        LOG.debug("a free port picked was taken before the bind; picking again", e);
      }
    }
  }

  private static int pick(int configured, String host) throws IOException {
    return configured != 0 ? configured : freePort(host);
  }

  private static Node start(LocalConfig config, ClusterSecret secret) throws Exception {
    Path metaDir = Path.of(config.metaDir());
    String id = NodeIdentity.loadOrCreate(metaDir, config.role(), config.nodeId());
    NetInfo publicNet = NetInfo.of("http", config.publicHost(), config.port());
    NetInfo controlNet = NetInfo.of("http", config.publicHost(), config.controlPort());
    // everything this thread and the threads it starts log from here on is this node's
    try (NodeLogContext.Scope context = NodeLogContext.enter(id)) {
      // a target's streams listen first, so that its Snode can advertise the port they got
      ObjectStreams streams = config.role() == NodeRole.TARGET ? ObjectStreams.start(config.host(), config.dataPort(),
          id, secret.key(), StreamOptions.DEFAULT) : null;
      Node node;
      try {
        NetInfo dataNet = streams == null ? publicNet : NetInfo.of("tcp", config.publicHost(), streams.port());
        node = new Node(config, ClusterState.load(Snode.of(id, config.role(), publicNet, controlNet, dataNet), metaDir),
            secret, streams);
      } catch (Exception e) {
        if (streams != null) {
          streams.close();
        }
        throw e;
      }
      try {
        node.startServices();
      } catch (Exception e) {
        node.close();
        throw e;
      }
      return node;
    }
  }

  private void startServices() throws Exception {
    Snode self = state.self();
    String who = self.displayName() + " (" + config.role().name().toLowerCase(Locale.ROOT) + ")";
    logs = NodeLogs.open(self.id(), who, Path.of(config.logDir()), LogRotation.DEFAULT);
    List<Path> mountpaths = config.role() == NodeRole.TARGET
        ? config.mountpaths().stream().map(dir -> Path.of(dir).toAbsolutePath().normalize()).toList() : List.of();
    metrics = NodeMetrics.create(self, mountpaths, NodeMetrics.enabledByEnvironment(), System::nanoTime)
        .startSampling(NodeMetrics.DISK_INTERVAL);
    DaemonHandler daemon = new DaemonHandler(state, this::ready, mountpaths, metrics, logs);
    IntraAuthenticator authenticator = new IntraAuthenticator() {
      @Override
      public String authenticate(String method, String requestTarget, String header) {
        return auth.verify(method, requestTarget, header);
      }

      @Override
      public boolean verifiesRedirect(String method, String sentUri) {
        return auth.verifiesRedirect(method, sentUri);
      }
    };
    String name = self.displayName();
    NodeHooks hooks = new NodeHooks(self.id(), metrics);
    HandlerThreads controlThreads = HandlerThreads.platform("jais-ctl-" + self.id(), CONTROL_THREADS, CONTROL_QUEUE);
    closeables.add(controlThreads);
    election = new Election(state, control);
    VoteHandler votes = new VoteHandler(election);
    DaemonActions actions = new DaemonActions(state, this::leave);
    ProxyClusterHandler clusterHandler = config.role() == NodeRole.PROXY ? proxyClusterHandler() : null;
    RouteTable controlRoutes = clusterHandler != null ? NodeRoutes.proxyControl(daemon, clusterHandler, votes, actions)
        : NodeRoutes.targetControl(daemon, votes, actions);
    controlServer = NettyServer.start(controlRoutes, ServerOptions.of(config.host(), config.controlPort(), name)
        .withEventLoops(EventLoops.control()).withIntraAuthenticator(authenticator).withHandlerThreads(controlThreads),
        hooks);
    RouteTable routes = clusterHandler != null ? proxyRoutes(daemon, clusterHandler) : targetRoutes(daemon);
    HandlerThreads dataThreads = HandlerThreads.virtual("jais-http", ServerOptions.DEFAULT_MAX_IN_FLIGHT);
    server = NettyServer.start(routes, ServerOptions.of(config.host(), config.port(), name)
        .withIntraAuthenticator(authenticator).withHandlerThreads(dataThreads), hooks);
    if (config.role() == NodeRole.PROXY) {
      // every proxy: only the primary's acts, and one elected later takes over
      RebalanceCoordinator r = new RebalanceCoordinator(state, new Metasync(state, control), control);
      closeables.add(r);
      r.start();
      rebalance = r;
    }
    synchronized (roleLock) {
      if (startsAsPrimary()) {
        becomePrimary(false);
      } else {
        follow();
      }
    }
    state.smapOwner().onChange((before, after) -> {
      if (!closing) {
        roleSwitch.execute(this::syncRole);
      }
    });
    LOG.info("{} listening on {}", state.self().displayName(), state.self().url());
  }

  /**
   * A node without a cluster map starts as primary if configured so (no {@code primary_url}); a
   * node with one first asks the other nodes of its map for theirs and takes a newer one (a
   * primary was elected, or moved, while it was down); then the map decides.
   */
  private boolean startsAsPrimary() {
    if (state.clusterUuid().isEmpty()) {
      return config.isPrimary() && config.role() == NodeRole.PROXY;
    }
    Smap newer = Election.newestAmongPeers(state, control);
    if (newer != null) {
      LOG.info("{}: the cluster moved on while this node was away (Smap v{} -> v{}, primary {})",
          state.self().displayName(), state.smap().version(), newer.version(), newer.primary().id());
      state.smapOwner().accept(newer);
    }
    return state.isPrimary();
  }

  /** Follows the map: becomes primary when it names this node, steps down when it names another. */
  private void syncRole() {
    synchronized (roleLock) {
      if (closing) {
        return;
      }
      boolean named = state.isPrimary();
      if (named && primary == null) {
        becomePrimary(true);
      } else if (!named && primary != null && state.smap().primary() != null) {
        stepDown();
      }
    }
  }

  /** @param takeOver elected or handed over: push every document so all nodes learn the new primary */
  private void becomePrimary(boolean takeOver) {
    PrimaryLink old = link;
    if (old != null) {
      old.close();
      link = null;
    }
    Primary p = new Primary(state, new Metasync(state, control), control, liveness);
    p.start();
    bucketMetadata = new BucketMetadata(state, p);
    // the rebalance of each new Smap version is what decommission and shutdown wait for; this build
    // has none, so they wait for nothing (the rebalance job plugs its wait in here)
    membership = new Membership(state, p, control, this::awaitRebalance);
    primary = p;
    if (takeOver) {
      p.announce();
    }
  }

  /**
   * What decommission, maintenance and shutdown-node wait on: the rebalance that moves the flagged
   * targets' objects to their new owners. A timeout leaves the nodes flagged and fails the request.
   */
  private String awaitRebalance(long smapVersion, Duration timeout) throws InterruptedException {
    RebalanceCoordinator r = rebalance;
    if (r == null) {
      return "";
    }
    if (!r.awaitRebalanced(smapVersion, timeout)) {
      String why = r.lastError();
      throw new JaisException(ErrorCode.UNAVAILABLE, "the rebalance for cluster map v" + smapVersion
          + " did not finish within " + timeout + (why.isEmpty() ? "" : " (" + why + ")")
          + "; the nodes stay flagged: retry, or stop-maintenance");
    }
    return Rmd.rebalanceId(state.rmd().version());
  }

  private void follow() {
    Snode named = state.smap().primary();
    String primaryUrl = !config.primaryUrl().isEmpty() || named == null ? config.primaryUrl() : named.url();
    PrimaryLink l = new PrimaryLink(state, control, primaryUrl, election::primaryDown);
    link = l;
    l.start();
  }

  private void stepDown() {
    Primary p = primary;
    primary = null;
    bucketMetadata = null;
    membership = null;
    p.close();
    LOG.warn("{}: no longer primary (the primary is now {})", state.self().displayName(), state.smap().primary().id());
    follow();
  }

  private ProxyClusterHandler proxyClusterHandler() {
    PrimaryForwarder forwarder = new PrimaryForwarder(state, intra);
    jobs = new JobCoordinator(state, intra);
    return new ProxyClusterHandler(state, () -> primary, () -> membership, () -> leave(false, false), forwarder,
        new NodeReports(state, intra),
        new ProxyJobHandler(state, () -> primary != null, forwarder, jobs,
            () -> rebalance == null || !state.isPrimary() ? null : rebalance::start));
  }

  private RouteTable proxyRoutes(DaemonHandler daemon, ProxyClusterHandler clusterHandler) {
    PrimaryForwarder forwarder = new PrimaryForwarder(state, intra);
    ObjectLister lister = new ObjectLister(state, intra);
    return NodeRoutes.proxy(daemon, new ReverseDaemonHandler(state, daemon, forwarder), clusterHandler,
        new ProxyBucketHandler(state, () -> bucketMetadata, forwarder, lister, jobs),
        new ProxyObjectHandler(state, auth),
        routes -> NodeRoutes.getBatch(S3Routes.proxy(routes, state, () -> bucketMetadata, forwarder,
            lister, intra, auth, S3Options.fromEnvironment(), metrics), new GetBatchRedirect(state, auth)), metrics);
  }

  private RouteTable targetRoutes(DaemonHandler daemon) throws IOException {
    List<Path> mountpaths = config.mountpaths().stream().map(Path::of).toList();
    store = ObjectStore.open(mountpaths);
    closeables.add(store);
    store.cleanupWorkfiles();
    state.bmdOwner().onChange(this::dropDestroyedBuckets);
    StagedObjects staged = new StagedObjects(store);
    S3Routes.dropUploadsWithTheirBuckets(state, staged);
    ObjectService objects = new ObjectService(state, store, intra);
    closeables.add(streams.register(StreamedPutReceiver.TRNAME, new StreamedPutReceiver(objects)));
    MultipartUploads uploads = new MultipartUploads(objects, staged); // both doors' uploads
    Mirroring mirroring = Mirroring.start(state, store, objects);
    closeables.add(mirroring);
    TargetRebalance rebalancing = new TargetRebalance(state, store, objects, streams);
    Resilvering resilvering = new Resilvering(state, store);
    closeables.add(streams.register(MovedObjectReceiver.TRNAME, rebalancing.receiver()));
    TargetServices services = new TargetServices(state, store, objects, intra,
        bucket -> S3Routes.isLiveUploadsBucket(state, bucket));
    AtomicReference<Jobs> jobsOnceOpen = new AtomicReference<>(); // get-batch starts jobs of the registry it is a kind of
    GetBatchJobs getBatch = new GetBatchJobs(jobsOnceOpen::get, Jobs.Options.DEFAULT.demandLinger());
    JobKinds.Builder kinds = TargetJobKinds.builder(services)
        .add(JobKind.REBALANCE, rebalancing::create)
        .add(JobKind.RESILVER, resilvering::create)
        .add(JobKind.GET_BATCH, getBatch::create)
        .add(JobKind.ARCHIVE, start -> new ArchiveJob(start, services));
    mirroring.addKinds(kinds);
    EcService ec = EcService.start(state, store, objects, streams);
    closeables.add(ec);
    kinds.add(JobKind.EC_ENCODE, start -> new EcEncodeJob(start, ec));
    Jobs jobs = Jobs.open(state.self().displayName(), kinds.build(), Path.of(config.metaDir()), Jobs.Options.DEFAULT,
        metrics.jobs());
    jobsOnceOpen.set(jobs);
    closeables.add(jobs);
    rebalancing.attach(jobs);
    resilvering.attach(jobs);
    daemon.reportMountpaths(() -> mountpathList(store.mountpathSet()));
    GetBatchHandler batches = new GetBatchHandler(state, objects, intra, getBatch);
    return NodeRoutes.target(daemon, new TargetObjectHandler(state, objects, uploads), new PeerObjectHandler(objects),
        new TargetListHandler(state, store, objects), new JobHandler(jobs),
        routes -> NodeRoutes.getBatch(NodeRoutes.mountpaths(S3Routes.target(routes, state, objects, uploads,
            S3Options.fromEnvironment(), metrics), new MountpathHandler(resilvering)), batches), metrics);
  }

  /**
   * A bucket gone from the BMD is gone from disk too, and so is the old data of a bucket that was
   * destroyed and created again while this node was away (same name, new bucket ID). Runs while
   * the new BMD is applied, before requests can use it; the store moves the data aside at once
   * and deletes it in the background.
   */
  private void dropDestroyedBuckets(Bmd before, Bmd after) {
    for (Bmd.Entry entry : before.buckets().values()) {
      Bucket bucket = entry.bucket();
      boolean gone = after.props(bucket).map(props -> props.bid() != entry.props().bid()).orElse(true);
      if (gone) {
        try {
          store.destroyBucket(bucket);
        } catch (Exception e) {
          LOG.warn("{}: cannot remove the data of destroyed bucket {}: {}", state.self().displayName(), bucket, e.toString());
        }
      }
    }
  }

  private static io.jais.api.node.MountpathList mountpathList(io.jais.node.storage.MountpathSet set) {
    return new io.jais.api.node.MountpathList(set.enabled().stream().map(m -> m.path().toString()).sorted().toList(),
        java.util.List.of(), set.disabled().stream().map(m -> m.path().toString()).sorted().toList());
  }

  /** Ready to serve: the primary has targets; other nodes have joined. */
  private boolean ready() {
    if (state.isPrimary()) {
      return !state.smap().targets().isEmpty();
    }
    return state.smap().contains(state.self().id());
  }

  /**
   * Told by the primary to leave (shutdown, decommission): stops keepalives at once, so the node
   * cannot join again once removed, then, right after the answer went out, closes; decommissioned,
   * it deletes its cluster metadata (a restart joins as a new member) and, with {@code
   * rmUserData}, its objects; then runs {@link #onLeft}.
   */
  private void leave(boolean decommission, boolean rmUserData) {
    PrimaryLink l = link;
    if (l != null) {
      l.close();
    }
    LOG.warn("{}: told to {}{}", state.self().displayName(), decommission ? "leave the cluster (decommission)" : "shut down",
        rmUserData ? ", deleting its objects" : "");
    Thread.ofPlatform().daemon().name("leave-" + state.self().id()).start(() -> {
      try {
        Thread.sleep(200); // the answer first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      close();
      if (decommission) {
        NodeData.remove(Path.of(config.metaDir()), rmUserData ? config.mountpaths() : List.of());
      }
      onLeft.run();
    });
  }

  /** True once closed (stopped, or told to leave). */
  public boolean isClosed() {
    return closed.get();
  }

  /** What to do once the node closed after being told to leave: a node process exits. */
  public void onLeft(Runnable action) {
    onLeft = action;
  }

  /** Waits until this node has joined the cluster (immediately true for the primary). */
  public boolean awaitJoined(Duration timeout) throws InterruptedException {
    PrimaryLink l = link;
    return l == null || l.awaitJoined(timeout);
  }

  public Snode snode() {
    return state.self();
  }

  public String url() {
    return state.self().url();
  }

  public ClusterState state() {
    return state;
  }

  public LocalConfig config() {
    return config;
  }

  public boolean isPrimary() {
    return primary != null;
  }

  /**
   * This proxy's rebalance coordinator, which acts while the proxy is primary: start a rebalance,
   * wait until placement is settled for a Smap version ({@link RebalanceCoordinator#awaitRebalanced};
   * call it on the primary).
   *
   * @throws IllegalStateException on a target
   */
  public RebalanceCoordinator rebalance() {
    RebalanceCoordinator r = rebalance;
    if (r == null) {
      throw new IllegalStateException(state.self().displayName() + " is not a proxy: it coordinates no rebalance");
    }
    return r;
  }

  /**
   * A target's object streams (listening on its {@code intra_data_net}).
   *
   * @throws IllegalStateException on a proxy, which has none
   */
  public ObjectStreams streams() {
    if (streams == null) {
      throw new IllegalStateException(state.self().displayName() + " is not a target: it has no object streams");
    }
    return streams;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try (NodeLogContext.Scope context = NodeLogContext.enter(state.self().id())) {
      synchronized (roleLock) {
        closing = true;
        if (primary != null) {
          primary.close();
        }
        if (link != null) {
          link.close();
        }
      }
      roleSwitch.shutdownNow();
      if (streams != null) {
        streams.close(); // first: its receivers write into the store
      }
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception e) {
          LOG.debug("close: {}", e.toString());
        }
      }
      if (server != null) {
        server.close();
      }
      if (controlServer != null) {
        controlServer.close();
      }
      intra.close();
      control.close();
      if (metrics != null) {
        metrics.close();
      }
      if (logs != null) {
        logs.close();
      }
    }
  }
}
