package io.jais.node;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Snode;
import io.jais.api.config.LocalConfig;
import io.jais.api.job.JobKind;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterSecret;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.cluster.IntraClient;
import io.jais.node.cluster.Liveness;
import io.jais.node.cluster.Metasync;
import io.jais.node.cluster.Primary;
import io.jais.node.cluster.PrimaryLink;
import io.jais.node.daemon.DaemonHandler;
import io.jais.node.http.EventLoops;
import io.jais.node.http.HandlerThreads;
import io.jais.node.http.IntraAuthenticator;
import io.jais.node.http.NettyServer;
import io.jais.node.http.RouteTable;
import io.jais.node.http.ServerOptions;
import io.jais.node.ec.EcEncodeJob;
import io.jais.node.ec.EcService;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.StagedObjects;
import io.jais.node.logs.LogRotation;
import io.jais.node.logs.NodeLogContext;
import io.jais.node.logs.NodeLogs;
import io.jais.node.metrics.NodeMetrics;
import io.jais.node.job.JobHandler;
import io.jais.node.job.Jobs;
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
import io.jais.node.s3.S3Options;
import io.jais.node.s3.S3Routes;
import io.jais.node.storage.ObjectStore;
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
  private PrimaryLink link;
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
    ProxyClusterHandler clusterHandler = config.role() == NodeRole.PROXY ? proxyClusterHandler() : null;
    RouteTable controlRoutes = clusterHandler != null ? NodeRoutes.proxyControl(daemon, clusterHandler)
        : NodeRoutes.targetControl(daemon);
    controlServer = NettyServer.start(controlRoutes, ServerOptions.of(config.host(), config.controlPort(), name)
        .withEventLoops(EventLoops.control()).withIntraAuthenticator(authenticator).withHandlerThreads(controlThreads),
        hooks);
    RouteTable routes = clusterHandler != null ? proxyRoutes(daemon, clusterHandler) : targetRoutes(daemon);
    HandlerThreads dataThreads = HandlerThreads.virtual("jais-http", ServerOptions.DEFAULT_MAX_IN_FLIGHT);
    server = NettyServer.start(routes, ServerOptions.of(config.host(), config.port(), name)
        .withIntraAuthenticator(authenticator).withHandlerThreads(dataThreads), hooks);
    if (config.isPrimary()) {
      Primary p = new Primary(state, new Metasync(state, control), control, liveness);
      closeables.add(p);
      p.start();
      bucketMetadata = new BucketMetadata(state, p);
      primary = p;
    } else {
      link = new PrimaryLink(state, control, config.primaryUrl());
      closeables.add(link);
      link.start();
    }
    LOG.info("{} listening on {}", state.self().displayName(), state.self().url());
  }

  private ProxyClusterHandler proxyClusterHandler() {
    PrimaryForwarder forwarder = new PrimaryForwarder(state, intra);
    jobs = new JobCoordinator(state, intra);
    return new ProxyClusterHandler(state, () -> primary, forwarder, new NodeReports(state, intra),
        new ProxyJobHandler(state, () -> primary != null, forwarder, jobs));
  }

  private RouteTable proxyRoutes(DaemonHandler daemon, ProxyClusterHandler clusterHandler) {
    PrimaryForwarder forwarder = new PrimaryForwarder(state, intra);
    ObjectLister lister = new ObjectLister(state, intra);
    return NodeRoutes.proxy(daemon, new ReverseDaemonHandler(state, daemon, forwarder), clusterHandler,
        new ProxyBucketHandler(state, () -> bucketMetadata, forwarder, lister, jobs),
        new ProxyObjectHandler(state, auth),
        routes -> S3Routes.proxy(routes, state, () -> bucketMetadata, forwarder, lister, intra, auth,
            S3Options.fromEnvironment(), metrics), metrics);
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
    EcService ec = EcService.start(state, store, objects, streams);
    closeables.add(ec);
    Jobs jobs = Jobs.open(state.self().displayName(), TargetJobKinds.of(new TargetServices(state, store, objects,
        intra, bucket -> S3Routes.isLiveUploadsBucket(state, bucket)),
        kinds -> kinds.add(JobKind.EC_ENCODE, start -> new EcEncodeJob(start, ec))), Path.of(config.metaDir()), Jobs.Options.DEFAULT,
        metrics.jobs());
    closeables.add(jobs);
    return NodeRoutes.target(daemon, new TargetObjectHandler(state, objects), new PeerObjectHandler(objects),
        new TargetListHandler(state, store), new JobHandler(jobs),
        routes -> S3Routes.target(routes, state, objects, staged, S3Options.fromEnvironment(), metrics), metrics);
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

  /** Ready to serve: the primary has targets; other nodes have joined. */
  private boolean ready() {
    if (state.isPrimary()) {
      return !state.smap().targets().isEmpty();
    }
    return state.smap().contains(state.self().id());
  }

  /** Waits until this node has joined the cluster (immediately true for the primary). */
  public boolean awaitJoined(Duration timeout) throws InterruptedException {
    return link == null || link.awaitJoined(timeout);
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
    try (NodeLogContext.Scope context = NodeLogContext.enter(state.self().id())) {
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
