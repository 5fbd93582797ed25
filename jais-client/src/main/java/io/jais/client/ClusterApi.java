package io.jais.client;

import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.ApiPath;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.RmNodeMsg;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ClusterConfig;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.api.node.ClusterMountpaths;
import io.jais.api.node.ClusterSysInfo;
import io.jais.api.node.NodeStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The cluster (docs/native-api.md#cluster-and-node, docs/architecture.md#placement): its map, health and
 * configuration, and client-side placement so
 * that callers can read an object straight from its owner target. Obtain it from
 * {@link JaisClient#cluster()}. Thread-safe; the last fetched cluster map is cached for
 * {@link #owner}.
 *
 * <p>Methods throw {@link JaisException} for server errors and {@link ErrorCode#UNAVAILABLE} when
 * the cluster cannot be reached, except {@link #healthy()}, which never throws. No argument may
 * be null.
 */
public final class ClusterApi {
  private final Transport transport;
  private volatile Smap cached;

  ClusterApi(Transport transport) {
    this.transport = transport;
  }

  /** Fetches the current cluster map ({@code GET /v1/daemon?what=smap}) and caches it. */
  public Smap smap() {
    Smap smap = transport.send(Call.of("GET", ApiPath.DAEMON).query(QueryParam.WHAT, "smap")).json(Smap.class);
    cached = smap;
    return smap;
  }

  /** Returns true when the endpoint answers {@code GET /v1/health} with success; never throws. */
  public boolean healthy() {
    try {
      transport.send(Call.of("GET", ApiPath.HEALTH)).discard();
      return true;
    } catch (JaisException e) {
      return false;
    }
  }

  /** Returns the cluster-wide configuration ({@code GET /v1/cluster?what=cluster_config}). */
  public ClusterConfig config() {
    Call call = Call.of("GET", ApiPath.CLUSTER).query(QueryParam.WHAT, "cluster_config");
    return transport.send(call).json(ClusterConfig.class);
  }

  /**
   * Returns the configuration as one node sees it ({@code GET <node>/v1/daemon?what=config}),
   * asked of the node directly rather than through the endpoint.
   */
  public ClusterConfig config(Snode node) {
    Call call = Call.of("GET", ApiPath.DAEMON).query(QueryParam.WHAT, "config");
    return transport.send(call, URI.create(base(node) + call.pathAndQuery())).json(ClusterConfig.class);
  }

  /**
   * Changes cluster-wide settings ({@code PUT /v1/cluster/set-config?KEY=VALUE...}); keys are
   * dotted config paths such as {@code checksum.type}. The primary validates and applies all of
   * them or none.
   */
  public void setConfig(Map<String, String> settings) {
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("no settings to change");
    }
    Call call = Call.of("PUT", ApiPath.CLUSTER + "/set-config");
    settings.forEach(call::query);
    transport.send(call).discard();
  }

  /**
   * Node lifecycle ({@code PUT /v1/cluster} with {@code start-maintenance}, {@code stop-maintenance},
   * {@code decommission-node} or {@code shutdown-node}); any proxy takes it. Returns the ID of the
   * rebalance it ran, empty when none.
   *
   * @throws JaisException {@code NOT_FOUND} for a node not in the map, {@code INVALID_ARGUMENT}
   *     for the primary or a node in the wrong state, {@code BUSY} while another change runs
   */
  public String changeMembership(String action, RmNodeMsg value) {
    Call call = Call.of("PUT", ApiPath.CLUSTER).action(ActMsg.of(action, WireJson.MAPPER.valueToTree(value)));
    return new String(transport.send(call).bytes(), java.nio.charset.StandardCharsets.UTF_8).replace("\"", "").strip();
  }

  /** Stops every node of the cluster ({@code PUT /v1/cluster} {@code shutdown}). */
  public void shutdown() {
    transport.send(Call.of("PUT", ApiPath.CLUSTER).action(ActMsg.of(Action.SHUTDOWN_CLUSTER))).discard();
  }

  /**
   * Makes proxy {@code nodeId} the primary ({@code PUT /v1/cluster/proxy/<id>}).
   *
   * @throws JaisException {@code NOT_FOUND} for an unknown node, {@code INVALID_ARGUMENT} for a
   *     target or a proxy that cannot be primary
   */
  public void setPrimary(String nodeId) {
    transport.send(Call.of("PUT", ApiPath.CLUSTER_PROXY + "/" + UrlEncoding.quoteQuery(nodeId))).discard();
  }

  /**
   * Adds the running node at {@code url} to the cluster ({@code POST /v1/cluster/join-by-admin});
   * returns its ID.
   */
  public String adminJoin(String url, String role) {
    com.fasterxml.jackson.databind.node.ObjectNode body = WireJson.MAPPER.createObjectNode();
    body.putObject("public_net").put("direct_url", url);
    body.put("daemon_type", role);
    byte[] reply = transport.send(Call.of("POST", ApiPath.CLUSTER_ADMIN_JOIN).json(body)).bytes();
    try {
      return WireJson.MAPPER.readTree(reply).path("daemon_id").asText();
    } catch (java.io.IOException e) {
      throw new JaisException(ErrorCode.INTERNAL, "join-by-admin: unexpected reply: " + e.getMessage());
    }
  }

  /**
   * Returns how long the node has been up, from {@code Ais-Node-Uptime} of its
   * {@code GET /v1/health}; zero when the node does not say. Throws {@code UNAVAILABLE} when the
   * node cannot be reached.
   */
  public Duration uptime(Snode node) {
    Call call = Call.of("GET", ApiPath.HEALTH);
    try (Reply reply = transport.send(call, URI.create(base(node) + call.pathAndQuery()))) {
      String nanos = reply.header(Header.NODE_UPTIME).orElse("0").strip();
      try {
        return Duration.ofNanos(Long.parseLong(nanos));
      } catch (NumberFormatException e) {
        return Duration.ZERO;
      }
    }
  }

  /**
   * Returns one node's status: capacity per mountpath (targets), memory and CPU, uptime, the
   * cluster map version it has ({@code GET /v1/reverse/daemon?what=node_status} with
   * {@code Ais-Node-Id}, docs/native-api.md#cluster-and-node). The endpoint relays the request, so the
   * node need not be
   * reachable from here.
   *
   * @throws JaisException {@code NOT_FOUND} when no such node is in the cluster map
   */
  public NodeStatus nodeStatus(String nodeId) {
    Call call = Call.of("GET", ApiPath.REVERSE_DAEMON).query(QueryParam.WHAT, "node_status")
        .header(Header.NODE_ID, nodeId);
    return transport.send(call).json(NodeStatus.class);
  }

  /**
   * A target's mountpath operation ({@code /v1/reverse/daemon/mountpaths} with {@code
   * Ais-Node-Id}, as AIS): {@code attach-mp}, {@code detach-mp}, {@code enable-mp},
   * {@code disable-mp} or {@code rescan-mp}. Unless {@code resilver} is false, the target then
   * moves its objects to their mountpaths in a {@code resilver} job.
   *
   * @return the resilver's job ID; empty when none was started
   * @throws JaisException {@code NOT_FOUND} for an unknown node or mountpath, {@code CONFLICT} for
   *     attaching one twice or disabling the last enabled one
   */
  public String mountpath(String nodeId, String action, String mountpath, boolean resilver) {
    String method = switch (action) {
      case "attach-mp" -> "PUT";
      case "detach-mp" -> "DELETE";
      case "enable-mp", "disable-mp", "rescan-mp" -> "POST";
      default -> throw new IllegalArgumentException("not a mountpath action: " + action);
    };
    Call call = Call.of(method, ApiPath.REVERSE_DAEMON + "/mountpaths").header(Header.NODE_ID, nodeId)
        .action(new io.jais.api.ActMsg(action, "", com.fasterxml.jackson.databind.node.TextNode.valueOf(mountpath)));
    if (!resilver) {
      call.query("dntres", "true");
    }
    return new String(transport.send(call).bytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Opens one node's log ({@code GET /v1/reverse/daemon?what=log} with {@code Ais-Node-Id}): its
   * current log of a severity as text or, with {@code all}, a tar.gz of that severity's current
   * and rotated files. The endpoint relays the request; the caller closes the stream.
   *
   * @param severity {@code info}, {@code warning} or {@code error} (a node answers 400 to others)
   * @throws JaisException {@code NOT_FOUND} when no such node is in the cluster map
   */
  public java.io.InputStream nodeLog(String nodeId, String severity, boolean all) {
    Call call = Call.of("GET", ApiPath.REVERSE_DAEMON).query(QueryParam.WHAT, "log").query("severity", severity)
        .header(Header.NODE_ID, nodeId);
    if (all) {
      call.query("all", "true");
    }
    return transport.send(call).stream();
  }

  /** Every node's memory and CPU, and every target's capacity ({@code GET /v1/cluster?what=sysinfo}). */
  public ClusterSysInfo sysInfo() {
    return transport.send(Call.of("GET", ApiPath.CLUSTER).query(QueryParam.WHAT, "sysinfo")).json(ClusterSysInfo.class);
  }

  /** Every target's mountpaths ({@code GET /v1/cluster?what=mountpaths}). */
  public ClusterMountpaths mountpaths() {
    Call call = Call.of("GET", ApiPath.CLUSTER).query(QueryParam.WHAT, "mountpaths");
    return transport.send(call).json(ClusterMountpaths.class);
  }

  private static String base(Snode node) {
    return node.url().endsWith("/") ? node.url().substring(0, node.url().length() - 1) : node.url();
  }

  /**
   * Returns the target that owns the object by HRW over the active targets of the cached cluster
   * map (fetched on first use; call {@link #smap()} to refresh it after membership changes). This
   * is the target the proxy redirects the object's requests to.
   *
   * @throws JaisException {@code UNAVAILABLE} when the map has no active target
   */
  public Snode owner(Bucket bucket, String object) {
    Smap smap = cached != null ? cached : smap();
    Snode owner = smap.owner(bucket, object);
    if (owner == null) {
      throw new JaisException(ErrorCode.UNAVAILABLE,
          "cluster map v" + smap.version() + " has no active target to own " + bucket.uri() + "/" + object);
    }
    return owner;
  }

  /**
   * Returns the object's URL on its owner target ({@link #owner}), e.g.
   * {@code http://10.0.0.2:8081/v1/objects/bck/obj?provider=ais}: a GET or HEAD there reads the
   * object without the proxy's redirect.
   */
  public URI ownerUrl(Bucket bucket, String object) {
    Snode owner = owner(bucket, object);
    String base = owner.url().endsWith("/") ? owner.url().substring(0, owner.url().length() - 1) : owner.url();
    return URI.create(base + Call.object("GET", bucket, object).pathAndQuery());
  }
}
