package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.cluster.NodeRole;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.List;

/**
 * One node's own configuration, read from its file ({@code jais node --config FILE}): what it is,
 * where it listens, where it keeps metadata and objects, and whom to join. Everything else comes
 * from the cluster config the primary distributes.
 *
 * @param role proxy or target
 * @param nodeId stable node ID; empty to generate one on first start and keep it in {@code meta_dir}
 * @param host address to listen on
 * @param publicHost address clients and peers use to reach this node (defaults to host)
 * @param port listening port; 0 picks a free one (tests)
 * @param metaDir directory of the node's persisted metadata (Smap, BMD, config, node ID)
 * @param mountpaths target only: one directory per disk
 * @param primaryUrl URL of the primary proxy to join; empty when this node is the primary
 * @param controlPort port of the intra-cluster control network (join, keepalive, metasync, job
 *     control): its own connections and threads, so control never waits behind data; 0 picks a
 *     free one
 * @param dataPort target only: port of the target-to-target object streams; 0 picks a free one
 * @param clusterSecretFile file holding the secret every node of the cluster authenticates its
 *     intra-cluster requests with; empty for the default (see the cluster package)
 * @param logDir directory of the node's own log files ({@code jais.INFO}, ...); defaults to
 *     {@code log} under {@code meta_dir}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalConfig(
    NodeRole role,
    @JsonProperty("node_id") String nodeId,
    String host,
    @JsonProperty("public_host") String publicHost,
    int port,
    @JsonProperty("meta_dir") String metaDir,
    List<String> mountpaths,
    @JsonProperty("primary_url") String primaryUrl,
    @JsonProperty("control_port") int controlPort,
    @JsonProperty("data_port") int dataPort,
    @JsonProperty("cluster_secret_file") String clusterSecretFile,
    @JsonProperty("log_dir") String logDir) {

  public LocalConfig {
    if (role == null) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "role: missing (expected: proxy or target)");
    }
    nodeId = nodeId == null ? "" : nodeId;
    host = host == null || host.isEmpty() ? "127.0.0.1" : host;
    publicHost = publicHost == null || publicHost.isEmpty() ? host : publicHost;
    checkPort("port", port);
    checkPort("control_port", controlPort);
    checkPort("data_port", dataPort);
    if (metaDir == null || metaDir.isEmpty()) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "meta_dir: missing");
    }
    mountpaths = mountpaths == null ? List.of() : List.copyOf(mountpaths);
    if (role == NodeRole.TARGET && mountpaths.isEmpty()) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, "mountpaths: a target needs at least one");
    }
    // a target without one waits until an admin adds it (join-by-admin)
    primaryUrl = primaryUrl == null ? "" : primaryUrl;
    clusterSecretFile = clusterSecretFile == null ? "" : clusterSecretFile;
    logDir = logDir == null || logDir.isEmpty() ? metaDir + "/log" : logDir;
  }

  /** A node with every port picked at start and the default cluster secret file. */
  public LocalConfig(NodeRole role, String nodeId, String host, String publicHost, int port, String metaDir,
      List<String> mountpaths, String primaryUrl) {
    this(role, nodeId, host, publicHost, port, metaDir, mountpaths, primaryUrl, 0, 0, "", "");
  }

  private static void checkPort(String key, int port) {
    if (port < 0 || port > 65535) {
      throw new JaisException(ErrorCode.INVALID_CONFIG, key + ": " + port + " (expected: 0..65535)");
    }
  }

  /** True when this node starts as the primary proxy (it joins nobody). */
  @JsonIgnore
  public boolean isPrimary() {
    return role == NodeRole.PROXY && primaryUrl.isEmpty();
  }

  public LocalConfig withPort(int newPort) {
    return withPorts(newPort, controlPort, dataPort);
  }

  public LocalConfig withPorts(int newPort, int newControlPort, int newDataPort) {
    return new LocalConfig(role, nodeId, host, publicHost, newPort, metaDir, mountpaths, primaryUrl, newControlPort,
        newDataPort, clusterSecretFile, logDir);
  }

  public LocalConfig withClusterSecretFile(String file) {
    return new LocalConfig(role, nodeId, host, publicHost, port, metaDir, mountpaths, primaryUrl, controlPort, dataPort,
        file, logDir);
  }

  public LocalConfig withLogDir(String dir) {
    return new LocalConfig(role, nodeId, host, publicHost, port, metaDir, mountpaths, primaryUrl, controlPort, dataPort,
        clusterSecretFile, dir);
  }
}
