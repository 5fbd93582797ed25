package io.jais.api.config;

import java.time.Duration;

/**
 * Liveness tracking: every node reports to the primary each {@code interval}; the primary removes
 * a node it has not heard from for {@code timeout}.
 */
public record KeepaliveConf(String interval, String timeout) {
  public static final KeepaliveConf DEFAULT = new KeepaliveConf("1s", "8s");

  public KeepaliveConf {
    interval = GoDuration.validate("keepalivetracker.interval", interval, "1s");
    timeout = GoDuration.validate("keepalivetracker.timeout", timeout, "8s");
  }

  public Duration intervalDuration() {
    return GoDuration.parse("keepalivetracker.interval", interval);
  }

  public Duration timeoutDuration() {
    return GoDuration.parse("keepalivetracker.timeout", timeout);
  }
}
