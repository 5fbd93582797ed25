package io.jais.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jais.api.config.ClusterConfig;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.util.Map;

/**
 * A partial change of the cluster config: nested JSON ({@code {"checksum":{"type":"md5"}}}) or
 * dotted keys ({@code {"checksum.type":"md5"}}, as {@code ais config cluster KEY=VALUE} sends).
 * Applying it builds a new, validated config; unknown keys and identity fields are refused.
 */
public final class ConfigPatch {
  private ConfigPatch() {}

  public static ClusterConfig apply(ClusterConfig current, JsonNode patch) {
    if (patch == null || !patch.isObject() || patch.isEmpty()) {
      throw JaisException.invalid("set-config: value must be a non-empty JSON object of config keys");
    }
    ObjectNode tree = WireJson.MAPPER.valueToTree(current);
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      set(tree, field.getKey(), field.getValue());
    }
    ClusterConfig next = WireJson.convert(tree, ClusterConfig.class);
    return next.equals(current) ? current : next;
  }

  private static void set(ObjectNode tree, String key, JsonNode value) {
    if (key.equals("uuid") || key.equals("config_version")) {
      throw JaisException.invalid("set-config: " + key + " cannot be changed");
    }
    String[] path = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = node.get(path[i]);
      if (child == null || !child.isObject()) {
        throw JaisException.invalid("set-config: unknown config section \"" + key + "\"");
      }
      node = (ObjectNode) child;
    }
    String leaf = path[path.length - 1];
    JsonNode existing = node.get(leaf);
    if (existing == null) {
      throw JaisException.invalid("set-config: unknown config key \"" + key + "\"");
    }
    if (existing.isObject() && value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        set((ObjectNode) existing, field.getKey(), field.getValue());
      }
    } else {
      node.set(leaf, value.isTextual() ? coerce(existing, value.asText()) : value);
    }
  }

  /** Query-string and CLI values arrive as text: give them the type the key already has. */
  private static JsonNode coerce(JsonNode existing, String text) {
    try {
      if (existing.isBoolean()) {
        return WireJson.MAPPER.getNodeFactory().booleanNode(parseBool(text));
      }
      if (existing.isIntegralNumber()) {
        return WireJson.MAPPER.getNodeFactory().numberNode(Long.parseLong(text));
      }
    } catch (NumberFormatException e) {
      throw JaisException.invalid("set-config: \"" + text + "\" is not a number");
    }
    return TextNode.valueOf(text);
  }

  private static boolean parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "true", "TRUE", "True", "y", "yes", "on" -> true;
      case "0", "f", "F", "false", "FALSE", "False", "n", "no", "off" -> false;
      default -> throw JaisException.invalid("set-config: \"" + text + "\" is not a boolean");
    };
  }
}
