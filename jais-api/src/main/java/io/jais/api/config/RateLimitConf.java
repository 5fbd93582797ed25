package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Rate limits for backend and frontend traffic (shape only; not enforced yet). */
public record RateLimitConf(Backend backend, Frontend frontend) {
  public static final RateLimitConf DEFAULT =
      new RateLimitConf(new Backend("1m", 1000, false, 3), new Frontend("1m", 1000, false, 375));

  public RateLimitConf {
    backend = backend == null ? DEFAULT.backend : backend;
    frontend = frontend == null ? DEFAULT.frontend : frontend;
  }

  /** Limits on calls to a remote backend. */
  public record Backend(
      String interval,
      @JsonProperty("max_tokens") int maxTokens,
      boolean enabled,
      @JsonProperty("num_retries") int numRetries) {
    public Backend {
      interval = GoDuration.validate("rate_limit.backend.interval", interval, "1m");
    }
  }

  /** Limits on client requests. */
  public record Frontend(
      String interval,
      @JsonProperty("max_tokens") int maxTokens,
      boolean enabled,
      @JsonProperty("burst_size") int burstSize) {
    public Frontend {
      interval = GoDuration.validate("rate_limit.frontend.interval", interval, "1m");
    }
  }
}
