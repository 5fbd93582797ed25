package io.jais.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jais.api.error.JaisException;

/** A node is either a gateway (proxy) or a storage node (target). */
public enum NodeRole {
  PROXY("proxy", 'p'),
  TARGET("target", 't');

  private final String wireName;
  private final char idPrefix;

  NodeRole(String wireName, char idPrefix) {
    this.wireName = wireName;
    this.idPrefix = idPrefix;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** First letter of generated node IDs, as in AIS ({@code p...}, {@code t...}). */
  public char idPrefix() {
    return idPrefix;
  }

  @JsonCreator
  public static NodeRole parse(String value) {
    for (NodeRole role : values()) {
      if (role.wireName.equalsIgnoreCase(value)) {
        return role;
      }
    }
    throw JaisException.invalid("invalid node role \"" + value + "\" (expected: proxy or target)");
  }
}
