package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Client authentication; clients (and the SDK test helpers) read {@code auth.enabled}. */
public record AuthConf(boolean enabled, @JsonProperty("client_auth_required") boolean clientAuthRequired) {
  public static final AuthConf DEFAULT = new AuthConf(false, false);
}
