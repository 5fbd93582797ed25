package io.jais.api;

/** URL paths of the AIS native API (docs/native-api.md). */
public final class ApiPath {
  private ApiPath() {}

  public static final String VERSION = "v1";
  public static final String BUCKETS = "/v1/buckets";
  public static final String OBJECTS = "/v1/objects";
  public static final String CLUSTER = "/v1/cluster";
  public static final String DAEMON = "/v1/daemon";
  public static final String HEALTH = "/v1/health";
  /** The proxy relays {@code /v1/reverse/daemon?...} to the {@code /v1/daemon} of the node named by {@code Ais-Node-Id}. */
  public static final String REVERSE_DAEMON = "/v1/reverse/daemon";
  /** Intra-cluster: a node asks the primary to add it to the cluster map. */
  public static final String CLUSTER_JOIN = "/v1/cluster/join";
  /** Intra-cluster: a node tells the primary it is alive. */
  public static final String CLUSTER_KEEPALIVE = "/v1/cluster/keepalive";
  /** Intra-cluster: the primary pushes new versions of cluster metadata. */
  public static final String METASYNC = "/v1/metasync";
  /** Control port, nodes only: a proxy asks for votes to become primary. */
  public static final String VOTE_PROXY = "/v1/vote/proxy";
  /** Control port of a proxy, nodes only: a node asks the proxy next in line to run for primary. */
  public static final String VOTE_INIT = "/v1/vote/init";
  /** {@code POST}: an admin adds a running node (body: its Snode, at least {@code public_net}). */
  public static final String CLUSTER_ADMIN_JOIN = "/v1/cluster/join-by-admin";
  /** {@code PUT /v1/cluster/proxy/<id>}: make that proxy the primary (set-primary). */
  public static final String CLUSTER_PROXY = "/v1/cluster/proxy";
  /** Intra-cluster: the proxy asks a target for one page of its objects. */
  public static final String TARGET_LIST = "/v1/internal/list";
  /**
   * Intra-cluster: a target asks another for an object on its own disks
   * ({@code /v1/internal/objects/<bucket>/<object>}: HEAD, GET, DELETE; PUT stores a copy).
   */
  public static final String TARGET_OBJECTS = "/v1/internal/objects";
  /** Intra-cluster: a proxy starts, stops and queries a target's jobs. */
  public static final String TARGET_JOBS = "/v1/internal/jobs";
  /** Get-batch: the assembling target asks an entry's owner for it (internal). */
  public static final String TARGET_GET_BATCH = "/v1/internal/getbatch";
  /** Get-batch (AIS "moss"): {@code GET /v1/ml/moss[/<bucket>]}. */
  public static final String GET_BATCH = "/v1/ml/moss";
}
