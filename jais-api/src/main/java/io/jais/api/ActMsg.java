package io.jais.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The control-message envelope {@code {"action", "name", "value"}}
 * (docs/native-api.md#cluster-and-node). {@code value} is
 * action-specific and kept as a tree until the handler knows its type.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActMsg(String action, String name, JsonNode value) {
  public ActMsg {
    action = action == null ? "" : action;
    name = name == null ? "" : name;
    value = value == null ? NullNode.getInstance() : value;
  }

  public static ActMsg of(String action) {
    return new ActMsg(action, "", null);
  }

  public static ActMsg of(String action, JsonNode value) {
    return new ActMsg(action, "", value);
  }

  public boolean hasValue() {
    return !value.isNull() && !value.isMissingNode();
  }
}
