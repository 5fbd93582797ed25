package io.jais.node.transport;

import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.Snode;
import java.util.Objects;

/**
 * A target to send to: its node ID (checked in the handshake: a connection reaching another node
 * fails) and its data-port address.
 */
public record Peer(String id, String host, int port) {
  public Peer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("peer ID is empty");
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " (expected: 1..65535)");
    }
  }

  /** A target's stream endpoint: its {@code intra_data_net}. */
  public static Peer of(Snode target) {
    NetInfo data = target.dataNet();
    if (data == null || data.host() == null || data.port() == null || data.port().isEmpty()) {
      throw new IllegalArgumentException(target.displayName() + " advertises no data network");
    }
    return new Peer(target.id(), data.host(), Integer.parseInt(data.port()));
  }

  @Override
  public String toString() {
    return "t[" + id + "] at " + host + ":" + port;
  }
}
