package io.jais.api.cluster;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One network endpoint of a node; {@code direct_url} must be reachable by clients. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetInfo(
    @JsonProperty("node_ip_addr") @JsonAlias("node_hostname") String host,
    @JsonProperty("daemon_port") String port,
    @JsonProperty("direct_url") String url) {

  public static NetInfo of(String scheme, String host, int port) {
    return new NetInfo(host, Integer.toString(port), scheme + "://" + hostForUrl(host) + ":" + port);
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
